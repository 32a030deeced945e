// Dockhand's own LSP messages, typed once and imported by both the server
// (custom-requests.ts) and the VS Code client. Plain data, no runtime import:
// the server and the client link different major versions of vscode-jsonrpc,
// whose RequestType classes do not type-check against each other.

/** A request's method name, carrying its parameter and result types. */
export interface RequestDefinition<Params, Result> {
  readonly method: string;
  /** Never set: it only carries the types. */
  readonly types?: (params: Params) => Result;
}

function request<Params, Result>(method: string): RequestDefinition<Params, Result> {
  return { method };
}

export interface DocumentParams {
  textDocument: { uri: string };
}

/** One stage as the container built from it would see it. */
export interface StageConfiguration {
  /** 0-based stage index. */
  index: number;
  /** The name after AS, if any. */
  name: string | null;
  /** The base as written after FROM (`python:3.12-slim`, `build`, `scratch`). */
  base: string;
  /** 0-based line of the FROM. */
  line: number;
  /** True for the stage `docker build` builds without --target (the last one). */
  isFinal: boolean;
  /** Stage names this stage copies from or is built FROM. */
  dependsOn: string[];
  /** The final USER, or null when the base image's user (root unless it says otherwise) applies. */
  user: string | null;
  /** The final WORKDIR, or null when the base image's applies. */
  workdir: string | null;
  /** ENV at the end of the stage, inherited ones included; values as written when not statically known. */
  env: { name: string; value: string; line: number }[];
  /** EXPOSEd ports, as written (`8000`, `53/udp`). */
  ports: string[];
  entrypoint: string[] | null;
  cmd: string[] | null;
  /** ENTRYPOINT + CMD as the container runs it; null when it comes from the base image. */
  command: string[] | null;
  /** True when the command may still come from a base image this Dockerfile does not show. */
  commandFromBaseImage: boolean;
  healthcheck: boolean;
}

export interface EffectiveConfiguration {
  uri: string;
  stages: StageConfiguration[];
}

/** `dockhand/effectiveConfiguration`: each stage's final USER, WORKDIR, ENV, ports and command. Null for a document that is not a Dockerfile. */
export const EffectiveConfigurationRequest = request<DocumentParams, EffectiveConfiguration | null>('dockhand/effectiveConfiguration');

export interface DocumentStatus {
  uri: string;
  kind: 'dockerfile' | 'compose';
  /** False when `dockhand.dockerfile.enable` / `dockhand.compose.enable` turns analysis off for this document. */
  enabled: boolean;
  /** Rules of this document's language that run, after settings and `.dockhand.yaml` / `.hadolint.yaml`. */
  enabledRules: number;
  totalRules: number;
  /** Rules turned off by settings or project configuration (not those off by default). */
  rulesOffByConfiguration: number;
  /** Findings shown, by severity. */
  problems: { error: number; warning: number; info: number; hint: number };
  /** Findings hidden by suppression comments or `# check=skip`. */
  suppressed: number;
  /** Project configuration files that apply, as absolute paths. */
  configFiles: string[];
  /** ShellCheck on this Dockerfile's shell-form RUNs; null for compose files. */
  shellcheck: ShellcheckStatus | null;
}

export interface ShellcheckStatus {
  /**
   * `active`: it runs; `off`: `dockhand.shellcheck.enable` is false or Dockerfile
   * analysis is off; `untrusted`: the workspace is not trusted; `not-found`: no
   * binary on PATH or at `dockhand.shellcheck.path`; `failed`: the binary did not
   * behave like ShellCheck.
   */
  state: 'active' | 'off' | 'untrusted' | 'not-found' | 'failed';
  /** The binary that runs (or failed), as an absolute path. */
  binary: string | null;
  /** One sentence for the user. */
  message: string;
  /** Scripts of this document ShellCheck gave up on after its time limit. */
  timedOut: number;
}

/** `dockhand/documentStatus`: what the language status item shows for a document. Null when the document is not one Dockhand analyses. */
export const DocumentStatusRequest = request<DocumentParams, DocumentStatus | null>('dockhand/documentStatus');

/** A notification's method name, carrying its parameter type. */
export interface NotificationDefinition<Params> {
  readonly method: string;
  /** Never set: it only carries the type. */
  readonly types?: (params: Params) => void;
}

/**
 * `dockhand/didGrantWorkspaceTrust`, client to server: the user trusted the
 * workspace after the server started (it was started with
 * `initializationOptions.trusted: false`), so ShellCheck may run now.
 */
export const DidGrantWorkspaceTrustNotification: NotificationDefinition<Record<string, never>> = { method: 'dockhand/didGrantWorkspaceTrust' };

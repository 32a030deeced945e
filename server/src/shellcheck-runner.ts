// ShellCheck in the language server. Diagnostics never wait for it: the
// server publishes the core's findings, this runs ShellCheck in the
// background, and when results arrive for the document's current version the
// server validates again and publishes both. Results are cached by script, so
// an edit re-runs only the RUN it changed, and only once typing pauses: a
// process per keystroke would take the CPU the next diagnostics need. Runs
// only in a trusted workspace.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Finding, SourceDocument } from './core';
import type { DockerfileModel } from './core/dockerfile/model';
import type { ShellcheckComment, ShellcheckScript } from './core/dockerfile/shellcheck';
import { loadAnalysis } from './load-analysis';
import { findShellcheck, runShellcheck, type ShellcheckOutcome, shellcheckTimeoutMs } from './node/shellcheck';
import { DidGrantWorkspaceTrustNotification, type ShellcheckStatus } from './protocol';
import type { ServerSettings } from './settings';

/**
 * What the client said about the workspace: VS Code sends `trusted` (true or
 * false); other editors usually say nothing (`unstated`), and then ShellCheck
 * from PATH runs but `shellcheck.path` is ignored (see SECURITY.md).
 */
export type WorkspaceTrust = 'trusted' | 'untrusted' | 'unstated';

export function trustFromInitializationOptions(options: unknown): WorkspaceTrust {
  const trusted = typeof options === 'object' && options !== null ? (options as Record<string, unknown>)['trusted'] : undefined;
  return trusted === true ? 'trusted' : trusted === false ? 'untrusted' : 'unstated';
}

export interface ShellcheckHost {
  /** The document's current version, or undefined once it is closed. */
  currentVersion(uri: string): number | undefined;
  /** New results for the current version: validate the document again. */
  revalidate(uri: string): void;
  log(message: string): void;
  /** A problem the user must act on (a bad `shellcheck.path`); called once per distinct message. */
  warn(message: string): void;
}

/** ShellCheck processes running at once, over all documents. */
const maxConcurrentRuns = 2;
/** Scripts whose results are kept (by hash of binary, shell and text). */
const maxCachedScripts = 2000;
/** How long a binary lookup, or a binary's failure, is remembered before trying again. */
const recheckAfterMs = 30_000;
/** While a document's run goes on, results are published at most this often. */
const publishIntervalMs = 300;
/**
 * After an edit, ShellCheck starts once the document has had no newer edit for
 * this long (a document just opened starts at once). Typing spawns nothing:
 * each process costs milliseconds of the server's thread and a core of the CPU.
 */
export const shellcheckIdleMs = 400;

type Resolution = { state: 'active'; binary: string } | { state: Exclude<ShellcheckStatus['state'], 'active'>; binary: string | null; message: string };

interface Job {
  version: number;
  binary: string;
  /** Set when a newer version's job replaced this one: it starts no more scripts. */
  superseded: boolean;
  /** The script it waits for. */
  current: string | undefined;
}

type CachedOutcome = { kind: 'comments'; comments: ShellcheckComment[] } | { kind: 'timeout' };

export class ShellcheckRunner {
  trust: WorkspaceTrust = 'unstated';
  private readonly cache = new Map<string, CachedOutcome>();
  private readonly inflight = new Map<string, { outcome: Promise<ShellcheckOutcome>; controller: AbortController }>();
  private readonly jobs = new Map<string, Job>();
  private readonly lookups = new Map<string, { binary: string | undefined; at: number }>();
  private readonly failures = new Map<string, { message: string; at: number }>();
  private readonly published = new Map<string, { version: number; findings: Finding[] }>();
  private readonly told = new Set<string>();
  /** The pending start of each document's next run, waiting for typing to pause. */
  private readonly starts = new Map<string, NodeJS.Timeout>();
  /** Documents that have had a run scheduled since they were opened. */
  private readonly scheduled = new Set<string>();
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly host: ShellcheckHost) {}

  /**
   * ShellCheck's findings on this version that are known now (cached per
   * script), with rule settings, `.dockhand.yaml` and suppression comments
   * applied as the CLI applies them. Remembered for code actions.
   */
  findings(source: SourceDocument, analysis: Analysis, settings: ServerSettings): Finding[] {
    let findings: Finding[] = [];
    try {
      const resolution = this.resolve(analysis, settings);
      if (resolution.state === 'active' && analysis.kind === 'dockerfile') {
        const model = analysis.model;
        const raw = this.scriptsOf(model).flatMap((script) => {
          const cached = this.cache.get(scriptKey(resolution.binary, script));
          return cached?.kind === 'comments' ? loadAnalysis().shellcheckFindings(model, script, cached.comments) : [];
        });
        findings = loadAnalysis().finishShellcheckFindings(raw, { ...analysis.config.rules, ...settings.analysis.rules }, analysis.suppressions);
      }
    } catch (error) {
      // The core's diagnostics are published whatever happens here.
      this.host.log(`ShellCheck findings of ${source.uri}: ${describe(error)}`);
    }
    this.published.set(source.uri, { version: source.version, findings });
    return findings;
  }

  /** The findings last published for this version of the document (code actions offer to ignore them). */
  publishedFindings(uri: string, version: number): Finding[] {
    const published = this.published.get(uri);
    return published?.version === version ? published.findings : [];
  }

  /**
   * Starts ShellCheck on the scripts of this version that have no result yet,
   * one at a time for the document, once no newer edit has come for
   * `shellcheckIdleMs`; a run for an older version stops now, except the
   * script the new version still needs. Returns at once; `host.revalidate` is
   * called as results arrive.
   */
  update(source: SourceDocument, analysis: Analysis, settings: ServerSettings): void {
    try {
      this.start(source, analysis, settings);
    } catch (error) {
      this.host.log(`ShellCheck on ${source.uri}: ${describe(error)}`);
    }
  }

  private start(source: SourceDocument, analysis: Analysis, settings: ServerSettings): void {
    const resolution = this.resolve(analysis, settings);
    const previous = this.jobs.get(source.uri);
    if (resolution.state !== 'active' || analysis.kind !== 'dockerfile') {
      this.stop(source.uri);
      return;
    }
    const { binary } = resolution;
    const missing = this.scriptsOf(analysis.model).filter((script) => !this.cache.has(scriptKey(binary, script)));
    if (previous && !previous.superseded && previous.version === source.version && previous.binary === binary) return;
    // A script the new version still needs keeps running; the others are killed.
    this.stop(source.uri, new Set(missing.map((script) => scriptKey(binary, script))));
    if (missing.length === 0) return;
    const uri = source.uri;
    // Not a run per keystroke: the first run of a document starts now, later ones when typing pauses.
    const begin = (): void => {
      this.starts.delete(uri);
      if (this.host.currentVersion(uri) !== source.version || this.jobs.has(uri)) return;
      const job: Job = { version: source.version, binary, superseded: false, current: undefined };
      this.jobs.set(uri, job);
      void this.execute(uri, job, missing).catch((error: unknown) => this.host.log(`ShellCheck on ${uri}: ${describe(error)}`));
    };
    if (this.scheduled.has(uri)) {
      this.starts.set(uri, setTimeout(begin, shellcheckIdleMs));
    } else {
      this.scheduled.add(uri);
      begin();
    }
  }

  /** What the status item says about ShellCheck for this document; null for compose files. */
  status(analysis: Analysis, settings: ServerSettings): ShellcheckStatus | null {
    if (analysis.kind !== 'dockerfile') return null;
    const resolution = this.resolve(analysis, settings);
    if (resolution.state !== 'active') return { state: resolution.state, binary: resolution.binary, message: resolution.message, timedOut: 0 };
    const timedOut = this.scriptsOf(analysis.model).filter((script) => this.cache.get(scriptKey(resolution.binary, script))?.kind === 'timeout').length;
    const limit = timedOut > 0 ? `; gave up on ${timedOut} RUN${timedOut === 1 ? '' : 's'} after ${shellcheckTimeoutMs / 1000} s` : '';
    return { state: 'active', binary: resolution.binary, message: `ShellCheck checks shell-form RUN (${resolution.binary})${limit}`, timedOut };
  }

  /** The workspace became trusted: ShellCheck may run on every open document. */
  grantTrust(): void {
    this.trust = 'trusted';
  }

  /** A closed document: stop its run and forget what was published. */
  forget(uri: string): void {
    this.scheduled.delete(uri);
    this.stop(uri);
    this.published.delete(uri);
  }

  /** Whether ShellCheck may run for this document, and which binary. */
  private resolve(analysis: Analysis, settings: ServerSettings): Resolution {
    if (analysis.kind !== 'dockerfile' || !settings.enabled.dockerfile) return { state: 'off', binary: null, message: 'ShellCheck is off: Dockerfile analysis is off' };
    if (!settings.shellcheck.enable) return { state: 'off', binary: null, message: 'ShellCheck is off (dockhand.shellcheck.enable is false)' };
    if (this.trust === 'untrusted') {
      this.tell('log', 'ShellCheck does not run: the workspace is not trusted');
      return { state: 'untrusted', binary: null, message: 'ShellCheck does not run in an untrusted workspace' };
    }
    let configured = settings.shellcheck.path;
    if (configured && this.trust === 'unstated') {
      this.tell('log', `dockhand.shellcheck.path ('${configured}') is ignored: the client did not say the workspace is trusted (initializationOptions.trusted); using shellcheck from PATH`);
      configured = '';
    }
    if (configured && !path.isAbsolute(configured)) {
      const message = `dockhand.shellcheck.path must be an absolute path, not '${configured}'; ShellCheck does not run`;
      this.tell('warn', message);
      return { state: 'not-found', binary: null, message };
    }
    const binary = this.lookUp(configured);
    if (!binary) {
      if (configured) {
        const message = `dockhand.shellcheck.path: no executable file at '${configured}'; ShellCheck does not run`;
        this.tell('warn', message);
        return { state: 'not-found', binary: null, message };
      }
      const message = 'ShellCheck is not installed (no shellcheck on PATH); install it to check RUN scripts, e.g. apt-get install shellcheck';
      this.tell('log', message);
      return { state: 'not-found', binary: null, message };
    }
    const failure = this.failures.get(binary);
    if (failure && Date.now() - failure.at < recheckAfterMs) return { state: 'failed', binary, message: `${binary} ${failure.message}; ShellCheck does not run` };
    this.tell('log', `ShellCheck runs on shell-form RUN: ${binary}`);
    return { state: 'active', binary };
  }

  private lookUp(configured: string): string | undefined {
    const known = this.lookups.get(configured);
    if (known && Date.now() - known.at < recheckAfterMs) return known.binary;
    const binary = findShellcheck(configured || undefined);
    this.lookups.set(configured, { binary, at: Date.now() });
    return binary;
  }

  /** The RUN scripts ShellCheck reads, once per model (kept on the model: a WeakMap would make the minor GC keep them). */
  private scriptsOf(model: DockerfileModel): ShellcheckScript[] {
    return model.derived(loadAnalysis().shellcheckScripts);
  }

  /** Runs the job's scripts, smallest first, publishing as results arrive (at most every `publishIntervalMs`) while its version is current. */
  private async execute(uri: string, job: Job, scripts: ShellcheckScript[]): Promise<void> {
    const isCurrent = (): boolean => !job.superseded && this.host.currentVersion(uri) === job.version;
    let lastPublished = 0;
    let unpublished = false;
    let timer: NodeJS.Timeout | undefined;
    const publish = (): void => {
      clearTimeout(timer);
      timer = undefined;
      if (!unpublished || !isCurrent()) return;
      unpublished = false;
      lastPublished = Date.now();
      this.host.revalidate(uri);
    };
    try {
      for (const script of [...scripts].sort((a, b) => a.text.length - b.text.length)) {
        if (!isCurrent()) return;
        const key = scriptKey(job.binary, script);
        if (this.cache.has(key)) continue;
        job.current = key;
        const outcome = await this.runScript(key, job.binary, script);
        job.current = undefined;
        if (outcome.kind === 'aborted') {
          // Another document's run was stopped while this one waited for it: validating again starts it anew.
          unpublished = true;
          continue;
        }
        if (outcome.kind === 'failed') {
          this.failures.set(job.binary, { message: outcome.message, at: Date.now() });
          this.tell('warn', `ShellCheck at ${job.binary} ${outcome.message}; it does not run for ${recheckAfterMs / 1000} s`);
          unpublished = true;
          break;
        }
        this.failures.delete(job.binary);
        if (outcome.kind === 'timeout') {
          const line = script.instruction.getRange().start.line + 1;
          this.host.log(`ShellCheck took over ${shellcheckTimeoutMs / 1000} s on the RUN at line ${line} of ${uri} and was stopped; that RUN is not checked until it changes`);
        }
        unpublished = true;
        timer ??= setTimeout(publish, Math.max(0, lastPublished + publishIntervalMs - Date.now()));
      }
    } finally {
      if (this.jobs.get(uri) === job) this.jobs.delete(uri);
      publish();
    }
  }

  /** One ShellCheck process per script text at a time, shared by the documents that wait for it. */
  private runScript(key: string, binary: string, script: ShellcheckScript): Promise<ShellcheckOutcome> {
    const existing = this.inflight.get(key);
    if (existing) return existing.outcome;
    const controller = new AbortController();
    const outcome = this.limited(() => runShellcheck(binary, script, controller.signal)).then((result) => {
      this.inflight.delete(key);
      if (result.kind === 'comments' || result.kind === 'timeout') this.remember(key, result.kind === 'comments' ? { kind: 'comments', comments: result.comments } : { kind: 'timeout' });
      return result;
    });
    this.inflight.set(key, { outcome, controller });
    return outcome;
  }

  private remember(key: string, outcome: CachedOutcome): void {
    this.cache.delete(key);
    this.cache.set(key, outcome);
    // Maps iterate in insertion order: the first key is the one used longest ago.
    if (this.cache.size > maxCachedScripts) this.cache.delete(this.cache.keys().next().value!);
  }

  /** Stops a document's run; its current script keeps running when `stillNeeded` has it. */
  private stop(uri: string, stillNeeded: ReadonlySet<string> = new Set()): void {
    clearTimeout(this.starts.get(uri));
    this.starts.delete(uri);
    const job = this.jobs.get(uri);
    if (!job) return;
    job.superseded = true;
    this.jobs.delete(uri);
    if (job.current !== undefined && !stillNeeded.has(job.current)) this.inflight.get(job.current)?.controller.abort();
  }

  /** Waits for one of `maxConcurrentRuns` slots. */
  private async limited<T>(run: () => Promise<T>): Promise<T> {
    if (this.running >= maxConcurrentRuns) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.running++;
    try {
      return await run();
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }

  private tell(how: 'log' | 'warn', message: string): void {
    if (this.told.has(message)) return;
    this.told.add(message);
    if (how === 'warn') this.host.warn(message);
    else this.host.log(message);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function scriptKey(binary: string, script: ShellcheckScript): string {
  return createHash('sha256').update(binary).update('\0').update(script.shell).update('\0').update(script.text).digest('base64');
}

/**
 * The ShellCheck runner of a server: listens for the trust notification and
 * closed documents itself; the server calls `findings`, `update` and `status`.
 */
export function attachShellcheck(connection: Connection, documents: TextDocuments<TextDocument>, host: ShellcheckHost): ShellcheckRunner {
  const runner = new ShellcheckRunner(host);
  connection.onNotification(DidGrantWorkspaceTrustNotification.method, () => {
    if (runner.trust === 'trusted') return;
    runner.grantTrust();
    host.log('The workspace is trusted now: ShellCheck may run');
    for (const document of documents.all()) host.revalidate(document.uri);
  });
  documents.onDidClose((event) => runner.forget(event.document.uri));
  return runner;
}

// "New Dockerfile from template": the stacks, and the files each one writes.
// The Dockerfile and compose.yaml bodies are the snippets of snippets/*.json
// (one source of truth, read at run time from the extension folder); only the
// .dockerignore lists live here. No `vscode` import: the unit tests use it too.
import { expandSnippet, type SnippetFile, snippetBody } from './snippet-text';

export interface Template {
  id: string;
  label: string;
  detail: string;
  /** The name of the Dockerfile snippet in snippets/dockerfile.json. */
  snippet: string;
  /** Lines of the .dockerignore, after the common ones. */
  ignore: string[];
}

const commonIgnore = ['# Not needed in the build context: version control, editors, local env files, logs.', '.git', '.gitignore', '.dockerignore', 'Dockerfile*', 'compose*.y*ml', 'docker-compose*.y*ml', '.vscode', '.idea', '**/.env', '**/.env.*', '**/*.log'];

export const templates: readonly Template[] = [
  { id: 'python-pip', label: 'Python (pip)', detail: 'requirements.txt into a virtualenv; python:3.12-slim, tini, non-root', snippet: 'Multistage Python (pip)', ignore: ['**/__pycache__', '**/*.py[cod]', '.venv', 'venv', '.pytest_cache', '.mypy_cache', '.ruff_cache', 'build', 'dist', '*.egg-info'] },
  { id: 'python-uv', label: 'Python (uv, lock file)', detail: 'pyproject.toml + uv.lock, uv sync --locked; python:3.12-slim, tini, non-root', snippet: 'Multistage Python (uv, lock file)', ignore: ['**/__pycache__', '**/*.py[cod]', '.venv', 'venv', '.pytest_cache', '.mypy_cache', '.ruff_cache', 'build', 'dist', '*.egg-info'] },
  { id: 'node-npm', label: 'Node.js (npm)', detail: 'npm ci, build, prune; node:22-slim, tini, user node', snippet: 'Multistage Node.js (npm)', ignore: ['**/node_modules', 'dist', 'coverage', '.npm'] },
  { id: 'node-pnpm', label: 'Node.js (pnpm)', detail: 'pnpm install --frozen-lockfile, build, prune; node:22-slim, tini, user node', snippet: 'Multistage Node.js (pnpm)', ignore: ['**/node_modules', 'dist', 'coverage', '.pnpm-store'] },
  { id: 'go', label: 'Go', detail: 'static binary (CGO_ENABLED=0) to distroless or scratch, user 65532', snippet: 'Multistage Go (static binary)', ignore: ['bin', '**/*.test', '**/*.out'] },
  { id: 'java-maven', label: 'Java (Maven)', detail: 'mvn package to eclipse-temurin JRE, tini, non-root', snippet: 'Multistage Java (Maven)', ignore: ['target', '.mvn/wrapper/maven-wrapper.jar'] },
  { id: 'java-gradle', label: 'Java (Gradle)', detail: 'gradle installDist to eclipse-temurin JRE, tini, non-root', snippet: 'Multistage Java (Gradle)', ignore: ['build', '.gradle', '**/build'] },
  { id: 'rust', label: 'Rust', detail: 'cargo build --release to debian:bookworm-slim, tini, non-root', snippet: 'Multistage Rust (cargo)', ignore: ['target'] },
  { id: 'dotnet', label: '.NET', detail: 'dotnet publish with the SDK to the aspnet runtime, tini, user app', snippet: 'Multistage .NET (sdk to aspnet)', ignore: ['**/bin', '**/obj', '**/*.user'] },
  { id: 'static-site', label: 'Static site (nginx)', detail: 'npm run build, served by nginx-unprivileged on 8080', snippet: 'Multistage static site (nginx)', ignore: ['**/node_modules', 'dist', 'coverage'] },
  { id: 'dev-prod', label: 'Dev and prod stages (Node.js)', detail: 'a common base, a dev stage for compose build.target: dev, a prod stage', snippet: 'Dev and prod stages', ignore: ['**/node_modules', 'dist', 'coverage'] },
];

/** The compose.yaml snippet: one service built from the Dockerfile beside it. */
export const composeSnippet = 'Compose file for a Dockerfile';

export interface TemplateFiles {
  dockerfile: string;
  dockerignore: string;
  compose: string;
}

/** The first port a Dockerfile EXPOSEs, for the compose file's ports. */
export function exposedPort(dockerfile: string): string | undefined {
  return /^EXPOSE\s+(\d+)/m.exec(dockerfile)?.[1];
}

/** The text of each file a template writes, every placeholder at its default. */
export function templateFiles(template: Template, dockerfileSnippets: SnippetFile, composeSnippets: SnippetFile): TemplateFiles {
  const snippet = dockerfileSnippets[template.snippet];
  if (!snippet) throw new Error(`snippets/dockerfile.json has no snippet '${template.snippet}'`);
  const compose = composeSnippets[composeSnippet];
  if (!compose) throw new Error(`snippets/compose.json has no snippet '${composeSnippet}'`);
  const dockerfile = expandSnippet(snippetBody(snippet));
  const port = exposedPort(dockerfile);
  const values: Record<number, string> = { 1: template.id === 'static-site' ? 'web' : 'app' };
  if (port !== undefined) values[2] = port;
  const composeText = expandSnippet(snippetBody(compose), values);
  // The dev/prod template's compose service builds the dev stage.
  const withTarget = template.id === 'dev-prod' ? composeText.replace(/^( +)context: \.$/m, '$1context: .\n$1target: dev') : composeText;
  return {
    dockerfile: ensureFinalNewline(dockerfile),
    dockerignore: [...commonIgnore, '', `# ${template.label}: dependencies and build output, rebuilt in the image.`, ...template.ignore, ''].join('\n'),
    compose: ensureFinalNewline(withTarget),
  };
}

function ensureFinalNewline(text: string): string {
  return `${text.replace(/\s+$/, '')}\n`;
}

import type { DockerfileModel, Stage } from '../model';
import type { DockerfileRule } from '../rule';
import { finalStage, operands, type RunCommand, runCommands, stageChain } from '../security/commands';
import { toolchainImage } from '../security/images';
import { isToolchainPackage, packageName, packageOperation } from '../security/packages';

/** Final stages named like these are development images on purpose. */
const developmentStage = /(?:^|[-_.])(?:dev|devel|develop|development|debug|test|tests|testing|ci|lint|local)(?:$|[-_.])|^dev/i;

/** What the stages a final stage is built FROM leave in it: toolchain packages, an SDK base, dev dependencies. */
function toolchainIn(model: DockerfileModel, ancestors: readonly Stage[], all: readonly Stage[]): string[] {
  const found = new Map<string, string>();
  const root = ancestors[0];
  const image = root?.image && toolchainImage(root.image);
  if (image) found.set('image', `is built on ${image}`);
  const installed = new Map<string, string | undefined>();
  const removed = new Set<string>();
  for (const stage of all) {
    for (const command of runCommands(model, stage)) {
      const operation = packageOperation(command);
      if (operation?.action === 'install') {
        for (const word of operation.packages) {
          const name = packageName(word.value);
          if (isToolchainPackage(name) && ancestors.includes(stage)) installed.set(name, operation.virtualName);
        }
      } else if (operation?.action === 'remove') {
        for (const word of operation.packages) removed.add(packageName(word.value));
      }
      const devDependencies = ancestors.includes(stage) && installsDevDependencies(model, command);
      if (devDependencies) found.set('dev', `installed development dependencies (${devDependencies})`);
      if (isPrune(command)) found.delete('dev');
    }
  }
  const kept = [...installed].filter(([name, virtual]) => !removed.has(name) && !(virtual && removed.has(virtual))).map(([name]) => name);
  if (kept.length > 0) found.set('packages', `installed ${kept.slice(0, 3).join(', ')}${kept.length > 3 ? ' and more' : ''}`);
  return [...found.values()];
}

/** `npm ci`, `yarn install`, `pnpm install` without a production flag, when NODE_ENV is not production. */
function installsDevDependencies(model: DockerfileModel, command: RunCommand): string | undefined {
  const { name, args } = command;
  if (name !== 'npm' && name !== 'yarn' && name !== 'pnpm') return undefined;
  const words = operands(args).map((w) => w.value);
  const sub = words[0];
  const isInstall = name === 'npm' ? (sub === 'ci' || ((sub === 'install' || sub === 'i') && words.length === 1)) : name === 'yarn' ? sub === undefined || (sub === 'install' && words.length === 1) : (sub === 'install' || sub === 'i') && words.length === 1;
  if (!isInstall) return undefined;
  const values = args.map((w) => w.value);
  if (values.some((v) => /^--(?:omit=dev|production|prod|only=prod(?:uction)?)$|^-P$/.test(v))) return undefined;
  const nodeEnv = command.environment.find((e) => e.name === 'NODE_ENV')?.value ?? model.variables.scopeBefore(command.instruction).get('NODE_ENV')?.resolvedValue;
  if (nodeEnv === 'production') return undefined;
  return `${name} ${sub ?? 'install'}`;
}

function isPrune(command: RunCommand): boolean {
  const values = command.args.map((w) => w.value);
  return (command.name === 'npm' && values[0] === 'prune') || (command.name === 'pnpm' && values[0] === 'prune') || (command.name === 'yarn' && values.includes('--production'));
}

export const finalStageKeepsToolchain: DockerfileRule = {
  id: 'final-stage-keeps-toolchain',
  language: 'dockerfile',
  category: 'best-practice',
  defaultSeverity: 'warning',
  fixable: 'none',
  equivalents: [],
  docs: {
    finds:
      'A final stage written `FROM <stage>` where that stage (or one it is built on) installed compilers or build tools ' +
      '(`build-essential`, `gcc`, `make`, a JDK, `cargo`...), is an SDK image (`golang`, `rust`, `maven`, `dotnet/sdk`...), ' +
      'or installed development dependencies (`npm ci` without `--omit=dev`).',
    why:
      'A stage written `FROM build AS run` inherits everything in `build`, compilers included: the ' +
      'multi-stage build makes the image no smaller. The shipped image then carries hundreds of ' +
      'megabytes of tools, each with its own vulnerabilities, that an attacker inside the container ' +
      'can use. Start the final stage from a small runtime base (`debian:12-slim`, `alpine`, ' +
      '`gcr.io/distroless/...`, a `-jre` or `aspnet` image) and `COPY --from=build` only the ' +
      'artifacts it needs. Final stages named `dev`, `debug`, `test` or `ci` are development images ' +
      'on purpose and are not reported, nor are packages removed again in the chain.',
    example:
      'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n\nFROM build AS run\nCMD ["/out/app"]\n',
    fixedExample:
      'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nCMD ["/app"]\n',
  },
  check({ model, report }) {
    const stage = finalStage(model);
    if (!stage?.parent || developmentStage.test(stage.name ?? '')) return;
    const chain = stageChain(stage);
    const ancestors = chain.slice(0, -1);
    const found = toolchainIn(model, ancestors, chain);
    if (found.length === 0) return;
    const parent = stage.parent;
    const parentName = parent.name ?? String(parent.index);
    report({
      range: stage.baseRange,
      message: `The final stage is built FROM '${parentName}', which ${found.join(' and ')}, so the image keeps them; start it from a small runtime base and COPY --from=${parentName} only the artifacts.`,
    });
  },
};

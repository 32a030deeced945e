// Hover text for each Dockerfile instruction: what it does, when it takes effect
// (build or container start), and the trap people fall into.

export interface InstructionDoc {
  /** One line: the instruction and what it is for. */
  summary: string;
  /** Short paragraphs or bullets in Markdown. */
  body: string;
  /** Anchor on the Dockerfile reference page. */
  anchor: string;
}

export const dockerfileReference = 'https://docs.docker.com/reference/dockerfile/';

export const instructionDocs: Readonly<Record<string, InstructionDoc>> = {
  FROM: {
    summary: '**FROM** starts a build stage from a base image, another stage, or `scratch` (empty).',
    body: [
      '- `FROM image:tag AS name` names the stage so that `COPY --from=name`, `docker build --target name` and compose `build.target` can refer to it.',
      '- Only the target stage (the last one by default) becomes the image; with BuildKit, stages it does not need are skipped.',
      '- `FROM build AS run` keeps everything in `build`, compilers included: the image gets no smaller. Start the final stage from a small base and `COPY --from=build` only the artifacts.',
      '- Pin the base with a tag or digest; no tag means `:latest`, which moves.',
    ].join('\n'),
    anchor: 'from',
  },
  RUN: {
    summary: '**RUN** executes a command at **build** time and commits the result as a new layer.',
    body: [
      '- Shell form `RUN cmd` runs `/bin/sh -c "cmd"` (or the `SHELL`); exec form `RUN ["cmd", "arg"]` runs no shell.',
      '- Files created and deleted in different `RUN`s still take space in the image: clean up in the same `RUN` (e.g. `rm -rf /var/lib/apt/lists/*`).',
      '- BuildKit adds `--mount=type=cache|secret|ssh|bind|tmpfs`, `--network` and `--security` flags.',
    ].join('\n'),
    anchor: 'run',
  },
  CMD: {
    summary: '**CMD** sets the default command (or default arguments) of a container; it runs at **container start**, not during the build.',
    body: [
      '- Replaced by anything after the image name in `docker run IMAGE ...` and by compose `command:`. Only the last `CMD` of the stage counts.',
      '- With an exec-form `ENTRYPOINT`, `CMD` becomes its default arguments: `ENTRYPOINT ["app"]` + `CMD ["--port", "80"]` runs `app --port 80`. A shell-form `ENTRYPOINT` ignores `CMD`. Setting `ENTRYPOINT` clears a `CMD` inherited from the base image.',
      '- Exec form `CMD ["python", "app.py"]` runs the program as PID 1, so it receives SIGTERM from `docker stop`. Shell form `CMD python app.py` runs `/bin/sh -c`, the shell is PID 1 and the app may never see the signal (it is killed after the 10 s timeout).',
      '- Exec form needs double quotes: `[\'a\']` is not JSON and silently becomes shell form.',
    ].join('\n'),
    anchor: 'cmd',
  },
  ENTRYPOINT: {
    summary: '**ENTRYPOINT** sets the executable a container runs at **container start**; `CMD` supplies its default arguments.',
    body: [
      '- Exec form `ENTRYPOINT ["app"]`: `docker run IMAGE args` and compose `command:` replace `CMD` and are passed to it. `docker run --entrypoint` / compose `entrypoint:` replace it.',
      '- Shell form `ENTRYPOINT app` runs under `/bin/sh -c`, ignores `CMD` and run arguments, and keeps signals from the app.',
      '- Setting `ENTRYPOINT` clears a `CMD` inherited from the base image.',
      '- An init such as tini goes first: `ENTRYPOINT ["/usr/bin/tini", "--", "app"]`.',
    ].join('\n'),
    anchor: 'entrypoint',
  },
  ENV: {
    summary: '**ENV** sets an environment variable for the rest of the stage, for stages built `FROM` it, and for every container run from the image.',
    body: [
      '- It persists into the image: containers see it at run time, and `RUN` sees it during the build.',
      '- Overridden at **run** time with `docker run -e NAME=value` (or `--env-file`) and compose `environment:` / `env_file:`.',
      '- It cannot be set from `docker build`: there is no `docker build -e`. For a build-time input use `ARG`; to keep a build argument at run time write `ARG VERSION` then `ENV VERSION=$VERSION`.',
      '- Unlike `ARG`, which ends with its stage and never reaches the container, `ENV` stays in the image. Within a stage, `ENV` shadows an `ARG` of the same name.',
      '- Do not put secrets in `ENV`: they are baked into the image. Write `ENV key=value`; `ENV key value` is a legacy form.',
    ].join('\n'),
    anchor: 'env',
  },
  ARG: {
    summary: '**ARG** declares a **build-time** variable, set with `docker build --build-arg NAME=value` or compose `build.args`.',
    body: [
      '- Visible from its declaration to the end of its stage only, and never in the running container\'s environment (use `ENV` for that).',
      '- An `ARG` before the first `FROM` is global: usable in `FROM` lines, but inside a stage only after declaring it again with `ARG NAME` (no value).',
      '- Values used by `RUN` are recorded in the image history (`docker history`): never pass secrets as `ARG`; use `RUN --mount=type=secret`.',
      '- Predefined without declaring: the proxy variables (`HTTP_PROXY`, `NO_PROXY`, ...); BuildKit adds `TARGETPLATFORM`, `TARGETARCH`, `BUILDPLATFORM`, ... in the global scope (declare `ARG TARGETARCH` to use one in a stage).',
    ].join('\n'),
    anchor: 'arg',
  },
  EXPOSE: {
    summary: '**EXPOSE** documents the ports the app listens on. It **publishes nothing**.',
    body: [
      '- To reach the port from the host, publish it: `docker run -p HOST:CONTAINER`, compose `ports: ["8080:80"]`, or `docker run -P` to publish every exposed port on a random host port.',
      '- Protocol defaults to tcp: write `EXPOSE 53/udp` for UDP, or both lines for both.',
      '- Containers on the same network reach each other on any port, exposed or not.',
    ].join('\n'),
    anchor: 'expose',
  },
  COPY: {
    summary: '**COPY** copies files from the build context (or another stage with `--from`) into the image at build time.',
    body: [
      '- Source paths are relative to the build context; `.dockerignore` excludes files from it.',
      '- `--from=stage` copies from a stage or image, `--chown=user:group` and `--chmod` set ownership and mode, `--link` makes the layer independent of earlier ones (BuildKit).',
      '- Copy dependency manifests and install before copying the source, so source edits reuse the install layer.',
    ].join('\n'),
    anchor: 'copy',
  },
  ADD: {
    summary: '**ADD** copies like `COPY`, but also fetches remote URLs and auto-extracts local tar archives.',
    body: [
      '- Prefer `COPY` for plain files: its behaviour has no surprises.',
      '- For a remote file, pin it: `ADD --checksum=sha256:... https://...` (BuildKit).',
    ].join('\n'),
    anchor: 'add',
  },
  WORKDIR: {
    summary: '**WORKDIR** sets the working directory for later `RUN`, `CMD`, `ENTRYPOINT`, `COPY` and `ADD`, and for the container; it is created if missing.',
    body: '- Use an absolute path. Prefer it to `RUN cd ...`, whose effect ends with that `RUN`.',
    anchor: 'workdir',
  },
  USER: {
    summary: '**USER** sets the user (and optionally group) for later `RUN`, `CMD` and `ENTRYPOINT`, and for the container.',
    body: [
      '- Without it, containers run as root, which is root on the host\'s kernel.',
      '- Create the user after package installs; a numeric `USER 10001:10001` lets Kubernetes `runAsNonRoot` verify it.',
    ].join('\n'),
    anchor: 'user',
  },
  LABEL: {
    summary: '**LABEL** adds key-value metadata to the image, e.g. `org.opencontainers.image.source`.',
    body: '- Labels are inherited from the base image and can be read with `docker inspect`.',
    anchor: 'label',
  },
  MAINTAINER: {
    summary: '**MAINTAINER** is deprecated.',
    body: '- Use `LABEL org.opencontainers.image.authors="..."` instead.',
    anchor: 'maintainer-deprecated',
  },
  VOLUME: {
    summary: '**VOLUME** marks a path as a mount point; at run time an anonymous volume is created there unless one is mounted.',
    body: [
      '- It does not mount anything during the build, and changes `RUN` makes to that path after the `VOLUME` line are discarded.',
      '- Compose `volumes:` or `docker run -v` choose what is mounted.',
    ].join('\n'),
    anchor: 'volume',
  },
  SHELL: {
    summary: '**SHELL** sets the shell used by shell-form `RUN`, `CMD` and `ENTRYPOINT`; it must be written in JSON form.',
    body: '- E.g. `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` makes a failing command in a pipe fail the build.',
    anchor: 'shell',
  },
  HEALTHCHECK: {
    summary: '**HEALTHCHECK** tells Docker how to test that the container still works; it runs inside the container at run time.',
    body: [
      '- Flags: `--interval`, `--timeout`, `--start-period`, `--start-interval`, `--retries`. `HEALTHCHECK NONE` disables one inherited from the base.',
      '- Compose `depends_on: condition: service_healthy` waits for it.',
    ].join('\n'),
    anchor: 'healthcheck',
  },
  STOPSIGNAL: {
    summary: '**STOPSIGNAL** sets the signal `docker stop` sends to PID 1 (default SIGTERM).',
    body: '- E.g. `STOPSIGNAL SIGQUIT` for nginx graceful shutdown.',
    anchor: 'stopsignal',
  },
  ONBUILD: {
    summary: '**ONBUILD** registers an instruction that runs later, when another Dockerfile uses this image as its base.',
    body: '- It does nothing in this build. `ONBUILD ONBUILD` and `ONBUILD FROM` are not allowed.',
    anchor: 'onbuild',
  },
};

export function instructionHoverMarkdown(keyword: string): string | undefined {
  const doc = instructionDocs[keyword.toUpperCase()];
  if (!doc) return undefined;
  return `${doc.summary}\n\n${doc.body}\n\n[Dockerfile reference](${dockerfileReference}#${doc.anchor})`;
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText, applyEdits, LanguageService, memoryFileAccess, type SourceDocument } from '../../server/src/core';
import { slimTag } from '../../server/src/core/dockerfile/refactors';

const service = new LanguageService(memoryFileAccess({}));
let version = 0;
const doc = (text: string): SourceDocument => ({ uri: 'file:///w/Dockerfile', kind: 'dockerfile', version: ++version, text });
const title = 'Convert to a multi-stage build';

function action(text: string) {
  const actions = service.codeActions(doc(text), { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } });
  const found = actions.find((a) => a.title.startsWith(title));
  assert.ok(found, `no '${title}' in ${actions.map((a) => a.title).join(', ')}`);
  assert.equal(found.kind, 'refactor.extract');
  return found;
}

/** Applies the refactor and checks the result has no error and no longer ships the toolchain. */
function convert(text: string): string {
  const found = action(text);
  assert.equal(found.disabledReason, undefined, found.disabledReason);
  const result = applyEdits(text, found.edits);
  const findings = analyzeText('dockerfile', result).findings;
  assert.deepEqual(findings.filter((f) => f.severity === 'error' || f.rule === 'final-stage-keeps-toolchain').map((f) => `${f.rule}: ${f.message}`), [], result);
  return result;
}

const reason = (text: string): string => action(text).disabledReason ?? '';

describe('Convert to a multi-stage build', () => {
  it('Python: installs into a virtual environment and copies it and the app into a slim image', () => {
    assert.equal(
      convert('FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n# The app\nEXPOSE 8000\nCMD ["python", "app.py"]\n'),
      'FROM python:3.12 AS build\nWORKDIR /app\nCOPY requirements.txt .\nRUN python -m venv /opt/venv\nENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n\n' +
        'FROM python:3.12-slim\nENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"\nWORKDIR /app\nCOPY --from=build /opt/venv /opt/venv\nCOPY --from=build /app /app\n# The app\nEXPOSE 8000\nCMD ["python", "app.py"]\n',
    );
  });

  it('Node.js: prunes development dependencies and keeps the named user of the image', () => {
    assert.equal(
      convert('FROM node:22\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nUSER node\nEXPOSE 3000\nCMD ["node", "dist/server.js"]\n'),
      'FROM node:22 AS build\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nRUN npm prune --omit=dev\nUSER node\n\n' +
        'FROM node:22-slim\nWORKDIR /app\nCOPY --from=build --chown=node /app /app\nUSER node\nEXPOSE 3000\nCMD ["node", "dist/server.js"]\n',
    );
  });

  it('Go: copies the binary into distroless, static when cgo is off, as the nonroot user', () => {
    assert.equal(
      convert('FROM golang:1.23\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nEXPOSE 8080\nCMD ["/out/app"]\n'),
      'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n\n' +
        'FROM gcr.io/distroless/static-debian12:nonroot\nWORKDIR /src\nCOPY --from=build /out/app /out/app\nUSER 65532:65532\nEXPOSE 8080\nCMD ["/out/app"]\n',
    );
    assert.match(convert('FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o app .\nCMD ["app"]\n'), /FROM gcr\.io\/distroless\/base-debian12:nonroot\nWORKDIR \/src\nCOPY --from=build \/src\/app \/usr\/local\/bin\/app\n/);
  });

  it('Rust: copies the release binary into a slim Debian image, also without a final line break', () => {
    assert.equal(
      convert('FROM rust:1.83\nWORKDIR /src\nCOPY . .\nRUN cargo build --release --locked\nCMD ["./target/release/app"]'),
      'FROM rust:1.83 AS build\nWORKDIR /src\nCOPY . .\nRUN cargo build --release --locked\n\nFROM debian:bookworm-slim\nWORKDIR /src\nCOPY --from=build /src/target/release/app /src/target/release/app\nCMD ["./target/release/app"]\n',
    );
  });

  it('Java: copies the jar into a JRE of the same version', () => {
    assert.equal(
      convert('FROM maven:3.9-eclipse-temurin-17\nWORKDIR /src\nCOPY pom.xml .\nRUN mvn -B dependency:go-offline\nCOPY src ./src\nRUN mvn -B package -DskipTests\nEXPOSE 8080\nCMD ["java", "-jar", "target/app.jar"]\n'),
      'FROM maven:3.9-eclipse-temurin-17 AS build\nWORKDIR /src\nCOPY pom.xml .\nRUN mvn -B dependency:go-offline\nCOPY src ./src\nRUN mvn -B package -DskipTests\n\n' +
        'FROM eclipse-temurin:17-jre\nWORKDIR /src\nCOPY --from=build /src/target/app.jar /src/target/app.jar\nEXPOSE 8080\nCMD ["java", "-jar", "target/app.jar"]\n',
    );
  });

  it('.NET: copies the published folder into the ASP.NET runtime image', () => {
    assert.match(
      convert('FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY App.csproj .\nRUN dotnet restore\nCOPY . .\nRUN dotnet publish -c Release -o /app/publish\nWORKDIR /app/publish\nENTRYPOINT ["dotnet", "App.dll"]\n'),
      /\nFROM mcr\.microsoft\.com\/dotnet\/aspnet:8\.0\nWORKDIR \/app\/publish\nCOPY --from=build \/app\/publish \/app\/publish\nENTRYPOINT \["dotnet", "App\.dll"\]\n$/,
    );
  });

  it('recreates a named user whose RUN only creates it, and repeats the ARGs the ENV lines read', () => {
    const result = convert(
      'FROM python:3.12-slim AS app\nARG VERSION=1.0\nENV APP_VERSION=$VERSION\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir .\nRUN groupadd --system app && useradd --system --gid app app\nUSER app\nCMD ["python", "-m", "app"]\n',
    );
    assert.match(result, /^FROM python:3\.12-slim AS app\n/);
    assert.match(result, /\nFROM python:3\.12-slim\nARG VERSION=1\.0\nENV APP_VERSION=\$VERSION\nENV VIRTUAL_ENV=\/opt\/venv PATH="\/opt\/venv\/bin:\$PATH"\nWORKDIR \/app\nRUN groupadd --system app && useradd --system --gid app app\nCOPY --from=app \/opt\/venv \/opt\/venv\nCOPY --from=app --chown=app \/app \/app\nUSER app\nCMD \["python", "-m", "app"\]\n$/);
  });

  it('keeps CRLF line breaks', () => {
    const result = convert('FROM node:22-alpine\r\nWORKDIR /app\r\nCOPY . .\r\nRUN npm ci\r\nCMD ["node", "index.js"]\r\n');
    assert.ok(!/[^\r]\n/.test(result), JSON.stringify(result));
    assert.match(result, /\r\nFROM node:22-alpine\r\n/);
  });

  it('says why it cannot apply', () => {
    assert.match(reason('FROM golang:1.23 AS build\nFROM scratch\n'), /already has 2 stages/);
    assert.match(reason('FROM debian:12\nCMD ["x"]\n'), /recognises Python/);
    assert.match(reason('FROM golang:1.23\nWORKDIR /src\nCOPY . .\nCMD ["go", "run", "."]\n'), /go run/);
    assert.match(reason('FROM golang:1.23\nWORKDIR /src\nRUN go build -o /app .\nCMD /app\n'), /exec form/);
    assert.match(reason('FROM python:3.12\nCOPY . .\nRUN pip install .\n'), /WORKDIR/);
    assert.match(reason('FROM maven:3.9-eclipse-temurin-21\nWORKDIR /src\nCMD ["mvn", "spring-boot:run"]\n'), /build tool at run time/);
    assert.match(reason('FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCMD ["dotnet", "run"]\n'), /dotnet run/);
    assert.match(reason('FROM python:3.12\nWORKDIR /app\nRUN pip install flask && useradd app\nUSER app\nCMD ["flask", "run"]\n'), /created on line 3 together with other commands/);
    assert.match(reason('FROM python:3.12-alpine\nRUN apk add --no-cache curl && ./install-sdk.sh\nWORKDIR /root\nENTRYPOINT ["sdk"]\n'), /No pip, poetry, pipenv or uv install/);
    assert.match(reason('FROM python:2-alpine\nWORKDIR /app\nRUN pip install flask\nCMD ["flask", "run"]\n'), /Python 2/);
    assert.match(reason('FROM node:22\nWORKDIR /app\nCOPY . .\nCMD ["node", "index.js"]\n'), /No npm, pnpm or yarn/);
    assert.match(reason('FROM alpine:3.20\nRUN apk add --no-cache python3 py3-pip\nWORKDIR /app\nRUN pip install flask\nCMD ["flask", "run"]\n'), /system packages of 'alpine:3\.20'/);
    assert.match(reason('FROM python:3.12\nWORKDIR /app\nRUN pip install flask\nRUN adduser -S app -h /home/app && chown app /app\nUSER app\nCMD ["flask", "run"]\n'), /created on line 4 together with other commands/);
  });

  it('keeps the Java version of the build image', () => {
    const jar = (from: string): string => convert(`FROM ${from}\nWORKDIR /src\nCOPY . .\nRUN mvn -B package\nCMD ["java", "-jar", "target/app.jar"]\n`).split('\n').find((line, i, all) => line.startsWith('FROM') && i > 0 && all[i - 1] === '') ?? '';
    assert.equal(jar('openjdk:8-alpine'), 'FROM eclipse-temurin:8-jre-alpine');
    assert.equal(jar('maven:3.9-eclipse-temurin-17'), 'FROM eclipse-temurin:17-jre');
    assert.equal(jar('gradle:8.10-jdk21'), 'FROM eclipse-temurin:21-jre');
    assert.equal(jar('eclipse-temurin:11-jdk'), 'FROM eclipse-temurin:11-jre');
  });

  it('picks the slim variant of a tag', () => {
    assert.equal(slimTag('3.12'), '3.12-slim');
    assert.equal(slimTag('3.12-bookworm'), '3.12-slim-bookworm');
    assert.equal(slimTag('22-alpine'), '22-alpine');
    assert.equal(slimTag('3.12-slim'), '3.12-slim');
    assert.equal(slimTag(undefined), 'slim');
  });
});

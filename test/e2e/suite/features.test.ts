// Hovers and the two refactors users ask for by name, in the real workbench.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverAt, openFixture, positionOf } from './helpers';

type Outcome = { applied: string } | { notApplied: string };

const hoverFixture = [
  'FROM node:22-alpine',
  'ARG APP_VERSION=1.0',
  'ENV APP_HOME=/app',
  'WORKDIR /app',
  'EXPOSE 3000',
  'ENTRYPOINT ["/sbin/tini", "--"]',
  'CMD ["node", "server.js"]',
  '',
].join('\n');

// The same files and expected results as test/unit/init-user-actions.test.ts.
const debian = 'FROM python:3.12-slim\nWORKDIR /app\nRUN pip install --no-cache-dir flask\nCOPY . .\nEXPOSE 8000\nCMD ["python", "app.py"]\n';
const alpine = 'FROM node:22-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nENTRYPOINT ["node"]\nCMD ["server.js"]\n';

/** Puts the cursor on the first line that starts with `text` and runs a Dockhand command. */
async function runAt(editor: vscode.TextEditor, text: string, command: string): Promise<Outcome> {
  const position = positionOf(editor.document, text);
  editor.selection = new vscode.Selection(position, position);
  const outcome = await vscode.commands.executeCommand<Outcome>(command);
  assert.ok(outcome, `${command} returned nothing`);
  return outcome;
}

function assertApplied(outcome: Outcome): void {
  assert.ok('applied' in outcome, `not applied: ${'notApplied' in outcome ? outcome.notApplied : ''}`);
}

describe('Hovers', () => {
  let document: vscode.TextDocument;

  before(async () => {
    document = (await openFixture('hover/Dockerfile', hoverFixture)).document;
  });

  const on = (keyword: string): Promise<string> => hoverAt(document, positionOf(document, `${keyword} `).translate(0, 1), keyword);

  it('ENV: persists at run time, overridden with docker run -e, no docker build -e', async () => {
    const text = await on('ENV');
    assert.match(text, /every container run from the image/);
    assert.match(text, /docker run -e NAME=value/);
    assert.match(text, /there is no `docker build -e`/);
  });

  it('ARG: build-time only, --build-arg, visible in the history', async () => {
    const text = await on('ARG');
    assert.match(text, /\*\*build-time\*\* variable/);
    assert.match(text, /--build-arg NAME=value/);
    assert.match(text, /docker history/);
  });

  it('EXPOSE: documents the port and publishes nothing', async () => {
    const text = await on('EXPOSE');
    assert.match(text, /\*\*publishes nothing\*\*/);
    assert.match(text, /docker run -p HOST:CONTAINER/);
  });

  it('CMD: explains ENTRYPOINT + CMD and shows the effective command as a JSON argv', async () => {
    const text = await on('CMD');
    assert.match(text, /default arguments/);
    assert.match(text, /A container of the image runs/);
    assert.ok(text.includes('["/sbin/tini","--","node","server.js"]'), text);
    assert.match(text, /in: `\/app`/);
  });
});

describe('Add tini and Run as non-root user', () => {
  it('Add tini on a Debian-based Dockerfile installs it with apt-get, undoable in one step', async () => {
    const editor = await openFixture('tini-debian/Dockerfile', debian);
    assertApplied(await runAt(editor, 'CMD', 'dockhand.addTini'));
    assert.equal(
      editor.document.getText(),
      'FROM python:3.12-slim\nWORKDIR /app\nRUN pip install --no-cache-dir flask\nCOPY . .\nEXPOSE 8000\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends tini \\\n    && rm -rf /var/lib/apt/lists/*\nENTRYPOINT ["/usr/bin/tini", "--"]\nCMD ["python", "app.py"]\n',
    );
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), debian);
  });

  it('Add tini on an Alpine-based Dockerfile installs it with apk and keeps the ENTRYPOINT after --', async () => {
    const editor = await openFixture('tini-alpine/Dockerfile', alpine);
    assertApplied(await runAt(editor, 'CMD', 'dockhand.addTini'));
    assert.equal(
      editor.document.getText(),
      'FROM node:22-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN apk add --no-cache tini\nENTRYPOINT ["/sbin/tini", "--", "node"]\nCMD ["server.js"]\n',
    );
  });

  it('Run as non-root user on a Debian-based Dockerfile uses groupadd/useradd', async () => {
    const editor = await openFixture('user-debian/Dockerfile', debian);
    assertApplied(await runAt(editor, 'CMD', 'dockhand.runAsNonRoot'));
    assert.equal(
      editor.document.getText(),
      'FROM python:3.12-slim\nWORKDIR /app\nRUN pip install --no-cache-dir flask\nRUN groupadd --system --gid 10001 app \\\n    && useradd --system --uid 10001 --gid app --no-create-home app\nCOPY --chown=10001:10001 . .\nUSER 10001:10001\nEXPOSE 8000\nCMD ["python", "app.py"]\n',
    );
  });

  it('Run as non-root user on an Alpine-based Dockerfile uses addgroup/adduser', async () => {
    const editor = await openFixture('user-alpine/Dockerfile', alpine);
    assertApplied(await runAt(editor, 'CMD', 'dockhand.runAsNonRoot'));
    assert.equal(
      editor.document.getText(),
      'FROM node:22-alpine\nWORKDIR /app\nCOPY --chown=10001:10001 package.json package-lock.json ./\nRUN npm ci\nRUN addgroup -S -g 10001 app \\\n    && adduser -S -D -H -u 10001 -G app app\nCOPY --chown=10001:10001 . .\nUSER 10001:10001\nENTRYPOINT ["node"]\nCMD ["server.js"]\n',
    );
  });

  it('says why when it cannot apply', async () => {
    const editor = await openFixture('tini-present/Dockerfile', 'FROM alpine:3.20\nRUN apk add --no-cache tini\nUSER 10001\nENTRYPOINT ["/sbin/tini", "--"]\nCMD ["app"]\n');
    const tini = await runAt(editor, 'CMD', 'dockhand.addTini');
    assert.ok('notApplied' in tini && /already runs/.test(tini.notApplied), JSON.stringify(tini));
    const user = await runAt(editor, 'CMD', 'dockhand.runAsNonRoot');
    assert.ok('notApplied' in user && /already runs as user '10001'/.test(user.notApplied), JSON.stringify(user));
  });
});

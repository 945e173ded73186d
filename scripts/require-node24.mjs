// Guards against a silent fall-back to the system Node: every npm script must run on the Node 24 that
// `npm install` put in node_modules/.bin (the `node` devDependency).
const major = Number(process.versions.node.split(".")[0]);
if (major < 24) {
  console.error(
    `Firebreak needs Node 24, but this is Node ${process.versions.node} (${process.execPath}).\n` +
      "Run commands through npm (npm start, npm test) so node_modules/.bin/node is used, and make sure the `node`\n" +
      "package's install script ran: `npm install-scripts approve node && npm install`.",
  );
  process.exit(1);
}

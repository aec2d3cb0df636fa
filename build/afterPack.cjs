// Flips Electron's fuses on the packaged binary (settings in fuses.cjs): the ones Element Desktop
// taught us to set explicitly, so a packaged Relais cannot be turned into a Node runtime or debug target.
const path = require('node:path');
const { flipFuses } = require('@electron/fuses');
const { fuseConfig } = require('./fuses.cjs');

const EXECUTABLE = { darwin: (name) => `${name}.app`, win32: (name) => `${name}.exe`, linux: () => 'relais' };

exports.default = async function afterPack(context) {
  const platform = context.electronPlatformName;
  const binary = path.join(context.appOutDir, EXECUTABLE[platform](context.packager.appInfo.productFilename));
  await flipFuses(binary, fuseConfig(platform));
};

// Test-only preload (NODE_OPTIONS=--require): resolves the host names in ASLC_TEST_HOSTS ("name=ip,...") to the given
// loopback addresses, so the bundled action can reach a stand-in under a real-looking endpoint name, with that name
// as SNI and in the certificate check, exactly as it would reach AWS.
const dns = require('node:dns');
const original = dns.lookup;
const hosts = Object.fromEntries(
  (process.env.ASLC_TEST_HOSTS || '')
    .split(',')
    .filter(Boolean)
    .map((entry) => entry.split('=')),
);
dns.lookup = function lookup(host, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  const address = hosts[host];
  if (!address) return original.call(this, host, options, callback);
  const family = address.includes(':') ? 6 : 4;
  if (options && options.all) return process.nextTick(callback, null, [{ address, family }]);
  return process.nextTick(callback, null, address, family);
};

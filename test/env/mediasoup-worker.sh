#!/bin/sh
# The mediasoup worker 3.8.4 comes from Debian experimental inside the test chroot (npm's mediasoup
# cannot build or download one here: see shared/ENVIRONMENT.md). mediasoup runs whatever
# MEDIASOUP_WORKER_BIN names, passing its channel pipes as inherited file descriptors, which survive
# chroot + exec. Needs root (chroot), as the rest of the test environment does.
root="${RELAIS_ENV_CACHE:-/var/cache/relais-env}/current"
exec chroot "$root" /usr/lib/x86_64-linux-gnu/mediasoup/mediasoup-worker "$@"

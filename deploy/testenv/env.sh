# Source this before running the tests here: `source deploy/testenv/env.sh`.
# Testcontainers against the local images built by setup.sh (no Docker Hub on these machines).
export DOCKER_HOST="${DOCKER_HOST:-unix:///var/run/docker.sock}"
# Ryuk's image cannot be pulled; containers are removed by the tests themselves.
export TESTCONTAINERS_RYUK_DISABLED=true
# The start-up checks would pull an image too.
export TESTCONTAINERS_CHECKS_DISABLE=true
# Without it Testcontainers pulls `alpine` to find the gateway and hangs retrying.
export TESTCONTAINERS_HOST_OVERRIDE=localhost
# Tests default to eclipse-mosquitto:2 and postgres:16-alpine when these are unset.
export FOREWARN_TEST_MOSQUITTO_IMAGE=local/mosquitto:2
export FOREWARN_TEST_POSTGRES_IMAGE=local/postgres:15

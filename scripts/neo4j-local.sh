#!/usr/bin/env bash
# `npm run neo4j:local`: builds the Maven launcher in neo4j-local/ (a real Neo4j 5.26 Community from Maven
# Central) and runs it in the foreground: data in NEO4J_DATA (default ./neo4j-data), Bolt on 127.0.0.1 at
# NEO4J_BOLT_PORT (default 7687), user neo4j with NEO4J_PASSWORD (default rightsgraph-local). It prints
# bolt://127.0.0.1:PORT once it accepts connections; Ctrl-C or SIGTERM stops it cleanly.
# `--build-only` builds and exits. Needs Java 17+ and Maven; a Maven Central outage is retried, then named.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
proj="$here/neo4j-local"
jar="$proj/target/neo4j-local-0.1.0.jar"
cp_file="$proj/target/classpath.txt"

for tool in java mvn; do
  command -v "$tool" >/dev/null 2>&1 || { echo "neo4j-local: $tool is not installed (Java 17+ and Maven are needed: apt-get install openjdk-17-jdk maven)" >&2; exit 2; }
done

build() {
  # Offline first (nothing to fetch once built), then online with a bounded wait per request.
  mvn -q -B -o -f "$proj/pom.xml" package 2>/dev/null && return 0
  local attempt
  for attempt in 1 2 3; do
    if timeout 900 mvn -q -B -f "$proj/pom.xml" -Dmaven.wagon.httpconnectionManager.ttlSeconds=30 \
      -Dmaven.wagon.http.retryHandler.count=2 -Daether.connector.requestTimeout=60000 package >"$proj/target-build.log" 2>&1; then
      rm -f "$proj/target-build.log"
      return 0
    fi
    echo "neo4j-local: the Maven build failed (attempt $attempt of 3), retrying in $((attempt * 10)) s" >&2
    sleep $((attempt * 10))
  done
  echo "neo4j-local: could not build the launcher: Maven Central unreachable or the build broke; see $proj/target-build.log" >&2
  tail -n 5 "$proj/target-build.log" >&2 || true
  return 1
}

if [ ! -f "$jar" ] || [ ! -f "$cp_file" ] || [ "$proj/pom.xml" -nt "$jar" ] || [ -n "$(find "$proj/src" -newer "$jar" -print -quit)" ]; then
  build || exit 1
fi
[ "${1:-}" = "--build-only" ] && exit 0

export NEO4J_DATA="${NEO4J_DATA:-$here/neo4j-data}"
exec java -Xmx${NEO4J_HEAP:-1g} -cp "$jar:$(cat "$cp_file")" org.rightsgraph.neo4jlocal.Neo4jLocal

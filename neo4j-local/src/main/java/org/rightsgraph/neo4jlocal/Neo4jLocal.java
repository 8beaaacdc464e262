// A real Neo4j Community (the database the neo4j-harness artifact brings) listening for Bolt on 127.0.0.1 only, its
// data in NEO4J_DATA, its port NEO4J_BOLT_PORT (default 7687), the password of user neo4j NEO4J_PASSWORD
// (default "rightsgraph-local"). Prints bolt://127.0.0.1:PORT on a line of its own once it accepts
// connections; a SIGTERM or SIGINT shuts the database down cleanly (checkpoint, then exit).
package org.rightsgraph.neo4jlocal;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

public final class Neo4jLocal {
  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    Path data = Path.of(env.getOrDefault("NEO4J_DATA", "neo4j-data")).toAbsolutePath();
    int port = Integer.parseInt(env.getOrDefault("NEO4J_BOLT_PORT", "7687"));
    String password = env.getOrDefault("NEO4J_PASSWORD", "rightsgraph-local");
    if (password.length() < 8) throw new IllegalArgumentException("NEO4J_PASSWORD must have 8 characters or more");
    Files.createDirectories(data);

    // The database's own builder on a home folder that persists (the harness's in-process builder would work
    // in a throw-away copy): stop it and start it again, the graph is still there.
    DatabaseManagementService neo4j = new DatabaseManagementServiceBuilder(data)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
        .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
        .setConfig(GraphDatabaseSettings.auth_enabled, true)
        .build();
    try {
      // Auth on, as in production: user neo4j gets the chosen password, no change required. On a data folder
      // that already has it, Neo4j refuses to "change" it to itself: that is the password we want.
      try {
        neo4j.database("system")
            .executeTransactionally("ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
      } catch (RuntimeException e) {
        if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) throw e;
      }
    } catch (RuntimeException e) {
      // The database's threads would keep the JVM alive after main fails: stop it, say why in one line, exit.
      System.err.println("neo4j-local: " + e.getMessage());
      neo4j.shutdown();
      System.exit(1);
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.err.println("neo4j-local: stopping");
      neo4j.shutdown();
      stopped.countDown();
    }));
    // Ready when Bolt accepts a connection.
    for (int i = 0; ; i++) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        break;
      } catch (java.io.IOException e) {
        if (i > 600) throw new IllegalStateException("Bolt did not open on 127.0.0.1:" + port, e);
        Thread.sleep(100);
      }
    }
    System.out.println("bolt://127.0.0.1:" + port);
    System.out.flush();
    stopped.await();
  }
}

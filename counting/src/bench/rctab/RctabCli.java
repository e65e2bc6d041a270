package bench;

/** Starts RCTab's Main from a class that is not a javafx Application, so the java launcher
 *  does not insist on the JavaFX modules being on the module path (the CLI never starts the toolkit). */
public final class RctabCli {
  public static void main(String[] args) {
    network.brightspots.rcv.Main.main(args);
  }
}

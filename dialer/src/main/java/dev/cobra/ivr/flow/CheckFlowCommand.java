package dev.cobra.ivr.flow;

import dev.cobra.config.ConfigException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code cobra check-flow FILE}: loads and validates one flow file, with its prompts looked up in
 * the {@code prompts/} directory next to it, and lists every problem as {@code file:line: node.field: message}.
 * Exit status 0 when the flow is valid, 1 when it has problems, 2 on a usage error.
 */
public final class CheckFlowCommand {
    private CheckFlowCommand() {}

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            err.println("usage: cobra check-flow FILE   (prompts are looked up in FILE's directory, under prompts/<lang>/)");
            return 2;
        }
        try {
            Flow flow = FlowLoader.loadFile(Path.of(args.get(0)));
            out.println(args.get(0) + ": ok (flow " + flow.name() + ", " + flow.nodes().size() + " nodes, languages "
                    + flow.languages().stream().map(l -> l.tag()).toList() + ")");
            return 0;
        } catch (ConfigException e) {
            for (ConfigException.Problem p : e.problems()) {
                err.println(p);
            }
            err.println(args.get(0) + ": " + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems"));
            return 1;
        }
    }
}

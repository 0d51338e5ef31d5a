using System.CommandLine;
using Distill.Cli.Display;
using Distill.Notebooks;
using Spectre.Console;

namespace Distill.Cli.Commands;

/// <summary>`distill notebook run`: executes notebooks headless (see <see cref="NotebookRunner"/>).</summary>
public static class NotebookCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "notebooks (.ipynb) to run, in order", Arity = ArgumentArity.OneOrMore };
        var parameters = new Option<string[]>("--parameter", "-p")
        {
            Description = "name=value injected after the notebook's parameters cell (repeatable)",
            AllowMultipleArgumentsPerToken = false,
        };
        var quick = new Option<bool>("--quick") { Description = "set the parameter quick=true (small epochs and subsets)" };
        var output = new Option<string>("--out") { Description = "folder for executed notebooks and HTML exports", DefaultValueFactory = _ => "notebooks-executed" };
        var noHtml = new Option<bool>("--no-html") { Description = "do not write the HTML export" };

        var run = new Command("run", "Execute notebooks top to bottom, writing the executed .ipynb and an offline .html; stops at the first failing cell.");
        run.Arguments.Add(files);
        run.Options.Add(parameters);
        run.Options.Add(quick);
        run.Options.Add(output);
        run.Options.Add(noHtml);
        run.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var values = new Dictionary<string, string>(NotebookParameters.ParseAssignments(parse.GetValue(parameters) ?? []));
            if (parse.GetValue(quick))
                values["quick"] = "true";
            var options = new NotebookRunOptions(parse.GetValue(output)!, values, WriteHtml: !parse.GetValue(noHtml));
            var notebooks = parse.GetValue(files)!;
            IReadOnlyList<NotebookRunResult> results;
            using (var display = new ConsoleStageDisplay(AnsiConsole.Console))
                results = await NotebookStage.RunAsync(notebooks, options, display, cancellationToken);
            var table = new Table().AddColumns("notebook", "result", "seconds", "first cell (s)", "written");
            foreach (var (result, file) in results.Zip(notebooks))
                table.AddRow(Markup.Escape(file), result.Succeeded ? "[green]ok[/]" : "[red]failed[/]",
                    $"{result.Elapsed.TotalSeconds:F1}", $"{result.FirstCellElapsed.TotalSeconds:F1}", Markup.Escape(result.OutputPath));
            var failed = results.Count > 0 && !results[^1].Succeeded;
            if (failed && results[^1] is { Error: { } error } last)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(error.Describe(Path.GetFileName(notebooks[results.Count - 1])))}[/]");
                AnsiConsole.MarkupLine($"The partial notebook is in {Markup.Escape(last.OutputPath)}.");
            }
            AnsiConsole.Write(table);
            return failed ? 1 : 0;
        });

        var command = new Command("notebook", "Run the study's notebooks headless.");
        command.Subcommands.Add(run);
        return command;
    }
}

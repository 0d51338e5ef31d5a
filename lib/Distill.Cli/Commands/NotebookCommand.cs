using System.CommandLine;
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
        run.SetAction(async (parse, cancellationToken) =>
        {
            var values = new Dictionary<string, string>(NotebookParameters.ParseAssignments(parse.GetValue(parameters) ?? []));
            if (parse.GetValue(quick))
                values["quick"] = "true";
            var options = new NotebookRunOptions(parse.GetValue(output)!, values, WriteHtml: !parse.GetValue(noHtml));
            var table = new Table().AddColumns("notebook", "result", "seconds", "first cell (s)", "written");
            var failed = false;
            foreach (var file in parse.GetValue(files)!)
            {
                NotebookRunResult result;
                try
                {
                    result = await AnsiConsole.Progress().AutoClear(true).StartAsync(async context =>
                    {
                        var task = context.AddTask(Markup.Escape(Path.GetFileName(file)));
                        var progress = new Progress<NotebookRunProgress>(p =>
                        {
                            task.MaxValue = p.Cells;
                            task.Value = p.Cell - 1;
                            task.Description = Markup.Escape($"{p.Notebook} cell {p.Cell}/{p.Cells}");
                        });
                        var r = await NotebookRunner.RunAsync(file, options, progress, cancellationToken);
                        task.Value = task.MaxValue;
                        return r;
                    });
                }
                catch (Exception e) when (e is NotebookFormatException or NotebookParameterException or ArgumentException or FileNotFoundException)
                {
                    AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                    return 2;
                }
                table.AddRow(Markup.Escape(file), result.Succeeded ? "[green]ok[/]" : "[red]failed[/]",
                    $"{result.Elapsed.TotalSeconds:F1}", $"{result.FirstCellElapsed.TotalSeconds:F1}", Markup.Escape(result.OutputPath));
                if (result.Error is { } error)
                {
                    AnsiConsole.MarkupLine($"[red]{Markup.Escape(error.Describe(Path.GetFileName(file)))}[/]");
                    AnsiConsole.MarkupLine($"The partial notebook is in {Markup.Escape(result.OutputPath)}.");
                    failed = true;
                    break;
                }
            }
            AnsiConsole.Write(table);
            return failed ? 1 : 0;
        });

        var command = new Command("notebook", "Run the study's notebooks headless.");
        command.Subcommands.Add(run);
        return command;
    }
}

using System.CommandLine;
using Distill.Evaluation;
using Distill.Reporting;
using Spectre.Console;

namespace Distill.Cli.Commands;

/// <summary>
/// `distill evaluate`: scores predictions against gold and writes a run folder (tables, intervals, error
/// analysis, plots). All logic is in <see cref="RunReport"/>.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var gold = new Option<string>("--gold")
        {
            Description = "gold documents: a JSONL file in our document format, a PubTator file, or ncbi-disease:<train|dev|test> (the embedded default)",
            DefaultValueFactory = _ => GoldSource.NcbiDiseasePrefix + Distill.Corpora.SplitNames.Test,
        };
        var pred = new Option<string[]>("--pred")
        {
            Description = "predictions (JSONL), as PATH or NAME=PATH; repeat for several systems (the first is the reference unless --reference)",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var runId = new Option<string?>("--run-id") { Description = "name of the run folder (default: the UTC time, yyyyMMdd-HHmmss)" };
        var output = new Option<string>("--out") { Description = "results folder", DefaultValueFactory = _ => RunFolder.DefaultResultsFolder };
        var types = new Option<string[]>("--types") { Description = "entity types to score (default: those present in gold)", AllowMultipleArgumentsPerToken = true };
        var reference = new Option<string?>("--reference") { Description = "system the others are compared with (paired tests, cost ratios)" };
        var resamples = new Option<int>("--resamples") { Description = "bootstrap resamples", DefaultValueFactory = _ => new BootstrapOptions().Resamples };
        var seed = new Option<int>("--seed") { Description = "bootstrap seed", DefaultValueFactory = _ => new BootstrapOptions().Seed };
        var context = new Option<int>("--context") { Description = "characters of context on each side in the error export", DefaultValueFactory = _ => new ErrorAnalysisOptions().ContextCharacters };
        var costs = new Option<string?>("--costs") { Description = "JSON array of {system, notes, total_cost_usd, total_seconds, machine} for the cost table" };
        var epochs = new Option<string?>("--epochs") { Description = "JSON array of {run, epoch, train_loss, dev_loss, dev_f1} for learning curves" };
        var noPlots = new Option<bool>("--no-plots") { Description = "skip the plots (tables, intervals and error exports are still written)" };
        var cacheKeys = new Option<string[]>("--teacher-cache-key") { Description = "teacher-cache key behind these predictions, for the manifest (repeatable)", AllowMultipleArgumentsPerToken = true };
        var config = new Option<string[]>("--config") { Description = "NAME=VALUE setting to record in the manifest (repeatable)", AllowMultipleArgumentsPerToken = true };

        var command = new Command("evaluate", "Score predictions against gold: token-level IO and entity-level strict/lenient P/R/F1 with bootstrap CIs, paired tests, error analysis, tables and plots.");
        foreach (var option in new Option[] { gold, pred, runId, output, types, reference, resamples, seed, context, costs, epochs, cacheKeys, config, noPlots })
            command.Options.Add(option);
        command.SetAction((parse, cancellationToken) => ReportConsole.RunAsync("evaluating", progress =>
        {
            var sources = parse.GetValue(pred)!.Select(ParsePrediction).ToList();
            var settings = new EvaluationSettings(
                new BootstrapOptions(parse.GetValue(resamples), parse.GetValue(seed)),
                new ErrorAnalysisOptions(parse.GetValue(context)),
                parse.GetValue(types) is { Length: > 0 } t ? t : null,
                parse.GetValue(reference),
                WritePlots: !parse.GetValue(noPlots));
            settings.Bootstrap.Validate();
            var folder = RunFolder.For(parse.GetValue(output)!, parse.GetValue(runId) ?? RunFolder.NewRunId(DateTimeOffset.UtcNow));
            var request = new RunRequest(parse.GetValue(gold)!, sources, settings, parse.GetValue(costs), parse.GetValue(epochs),
                parse.GetValue(cacheKeys) ?? [], ParseSettings(parse.GetValue(config) ?? []));
            return RunReport.CreateAsync(folder, request, progress, cancellationToken);
        }));
        return command;
    }

    static Dictionary<string, string> ParseSettings(string[] values) => values.ToDictionary(
        v => v.IndexOf('=') > 0 ? v[..v.IndexOf('=')] : throw new ArgumentException($"--config '{v}': expected NAME=VALUE."),
        v => v[(v.IndexOf('=') + 1)..]);

    static (string System, string Path) ParsePrediction(string value)
    {
        var eq = value.IndexOf('=');
        if (eq > 0 && !File.Exists(value))
            return (value[..eq], value[(eq + 1)..]);
        return (Path.GetFileNameWithoutExtension(value), value);
    }
}

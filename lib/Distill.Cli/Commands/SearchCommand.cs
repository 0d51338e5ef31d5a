using Distill.Cli.Display;
using Distill.Runtime;
using System.CommandLine;
using Distill.Aggregation;
using Distill.Corpora;
using Distill.Pipeline;
using Distill.Reporting;
using Distill.Teachers;
using Distill.Teachers.Configuration;
using Distill.Teachers.Dictionary;
using Spectre.Console;

namespace Distill.Cli.Commands;

/// <summary>
/// `distill search`: scores every teacher subset under every combination rule on the dev split, picks one per
/// entity type, labels the pool with it, and writes the tables, plots and the student's training set.
/// </summary>
public static class SearchCommand
{
    public static Command Create()
    {
        var corpus = new Option<string>("--corpus") { Description = "dataset name from data-manifests/ or a folder of JSONL splits", DefaultValueFactory = _ => NcbiDiseaseCorpus.Name };
        var path = new Option<string?>("--path") { Description = "where a licensed dataset's files are" };
        var devSplit = new Option<string>("--dev-split") { Description = "gold split the subsets are scored on", DefaultValueFactory = _ => SplitNames.Dev };
        var poolSplit = new Option<string>("--pool-split") { Description = "split labeled by the chosen teachers (its gold, if any, is not used except by simulated teachers)", DefaultValueFactory = _ => SplitNames.Train };
        var teachers = new Option<string?>("--teachers") { Description = "offline (default: the real offline teachers), simulated (teaching: dictionary + 4 simulated), or a teachers file (YAML/JSON, see teachers.example.yaml)" };
        var entityTypes = new Option<string[]>("--entity-types") { Description = "entity types", DefaultValueFactory = _ => [EntityTypes.Disease], AllowMultipleArgumentsPerToken = true };
        var rules = new Option<string[]>("--rules") { Description = "combination rules (default: all)", AllowMultipleArgumentsPerToken = true };
        var cache = new Option<string?>("--cache") { Description = "teacher cache (default <repo>/.cache/teachers.sqlite)" };
        var offline = new Option<bool>("--offline") { Description = "a teacher-cache miss is an error" };
        var poolLimit = new Option<int?>("--pool-limit") { Description = "label only the first N pool documents" };
        var resamples = new Option<int>("--resamples") { Description = "bootstrap resamples for near-ties", DefaultValueFactory = _ => StudyDefaults.Full.BootstrapResamples };
        var seed = new Option<int>("--seed") { Description = "seed of folds and bootstrap", DefaultValueFactory = _ => StudyDefaults.SearchSeed };
        var output = new Option<string?>("--out") { Description = "output folder (default results/search-<time>)" };
        var command = new Command("search", "Teacher subset search on dev, then label the pool with the best combination (the student's training set).");
        foreach (var option in new Option[] { corpus, path, devSplit, poolSplit, teachers, entityTypes, rules, cache, offline, poolLimit, resamples, seed, output })
            command.Options.Add(option);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var data = await CorpusSource.LoadAsync(parse.GetValue(corpus)!, parse.GetValue(path), cancellationToken);
            var teacherList = TeacherSets.Resolve(parse.GetValue(teachers));
            var ruleNames = parse.GetValue(rules);
            var options = new SearchStageOptions(
                parse.GetValue(output) ?? Path.Combine("results", "search-" + RunFolder.NewRunId(DateTimeOffset.UtcNow)),
                parse.GetValue(cache) ?? DistillPaths.Default.TeacherCache,
                parse.GetValue(entityTypes)!.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
                parse.GetValue(offline),
                PoolLimit: parse.GetValue(poolLimit),
                Search: new SubsetSearchOptions(
                    Rules: ruleNames is { Length: > 0 } ? ruleNames.Select(LabelCombiners.Parse).ToArray() : null,
                    BootstrapResamples: parse.GetValue(resamples),
                    Seed: parse.GetValue(seed)));
            SearchStageResult result;
            using (var display = new ConsoleStageDisplay(AnsiConsole.Console))
                result = await SearchStage.RunAsync(data.Split(parse.GetValue(devSplit)!), data.Split(parse.GetValue(poolSplit)!), teacherList, options, display, cancellationToken);
            AnsiConsole.Write(StageTables.Choices(result.Search));
            AnsiConsole.MarkupLine($"Scored {result.Search.Scores.Count:N0} subset × rule × type combinations; wrote {result.Files.Count} files to [bold]{Markup.Escape(Path.GetFullPath(options.OutputDirectory))}[/]");
            AnsiConsole.MarkupLine($"Training set: {Markup.Escape(result.TrainingSetPath)}");
            if (teacherList.Any(t => t.Kind == TeacherKind.Simulated))
                AnsiConsole.MarkupLine("[yellow]Teachers named simulated:* derive their labels from gold spans with a seeded error profile; their scores are a teaching device, not LLM results.[/]");
            return 0;
        }, "Teacher answers received so far are cached; run again to resume.");
        return command;
    }
}

using System.CommandLine;
using Distill.Aggregation;
using Spectre.Console;

namespace Distill.Cli.Commands;

/// <summary>`distill bench search`: times the teacher subset search on synthetic votes.</summary>
public static class SearchBenchCommand
{
    public static Command Create()
    {
        var teachers = new Option<int>("--teachers") { Description = "number of synthetic teachers (2^n − 1 subsets)", DefaultValueFactory = _ => 10 };
        var documents = new Option<int>("--documents") { Description = "synthetic documents", DefaultValueFactory = _ => 2000 };
        var words = new Option<int>("--words") { Description = "words per document", DefaultValueFactory = _ => 150 };
        var resamples = new Option<int>("--resamples") { Description = "bootstrap resamples of the near-tie test", DefaultValueFactory = _ => 1000 };
        var command = new Command("search", "Time the subset search over every subset of n synthetic teachers (simulated votes, not real teachers).");
        command.Options.Add(teachers);
        command.Options.Add(documents);
        command.Options.Add(words);
        command.Options.Add(resamples);
        command.SetGuardedAction(parse =>
        {
            var t = SubsetSearchBenchmark.Run(parse.GetValue(teachers), parse.GetValue(documents), parse.GetValue(words),
                options: new SubsetSearchOptions(BootstrapResamples: parse.GetValue(resamples)));
            var table = new Table().AddColumns("figure", "value");
            table.AddRow("teachers / subsets / rules", $"{t.Teachers} / {t.Subsets:N0} / {t.Rules}");
            table.AddRow("documents / word tokens", $"{t.Documents:N0} / {t.Tokens:N0}");
            table.AddRow("distinct vote patterns", $"{t.DistinctPatterns:N0}");
            table.AddRow("build votes (tokenize + IO-tag every teacher)", $"{t.BuildVotes.TotalSeconds:F2} s");
            table.AddRow("search (all subsets x rules, CV, bootstrap)", $"{t.Search.TotalSeconds:F2} s");
            table.AddRow("subset x rule scores per second", $"{t.SubsetRuleScoresPerSecond:N0}");
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}

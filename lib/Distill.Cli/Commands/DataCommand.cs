using System.CommandLine;
using Distill.Corpora;
using Spectre.Console;

namespace Distill.Cli.Commands;

/// <summary>`distill data`: verify dataset folders against their manifests, print corpus statistics, export to JSONL.</summary>
public static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data", "Datasets: verify files against data-manifests/, print statistics, export to JSONL.");
        command.Subcommands.Add(Verify());
        command.Subcommands.Add(Stats());
        command.Subcommands.Add(Export());
        return command;
    }

    static Option<string?> PathOption(string description) => new("--path") { Description = description };

    static Option<string?> ManifestsOption() =>
        new("--manifests") { Description = "folder of <dataset>.json manifests (default: the repository's data-manifests/)" };

    static Command Verify()
    {
        var dataset = new Argument<string>("dataset") { Description = "dataset name, e.g. ncbi-disease (a data-manifests/<name>.json)" };
        var path = PathOption("folder holding the dataset (default: the shipped copy, if the dataset is shipped)");
        var manifests = ManifestsOption();
        var command = new Command("verify", "Check a dataset folder's files (presence, size, sha256, counts) against its manifest; exit 1 on any mismatch.");
        command.Arguments.Add(dataset);
        command.Options.Add(path);
        command.Options.Add(manifests);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var manifest = await DataManifest.FindAsync(parse.GetValue(dataset)!, parse.GetValue(manifests), cancellationToken);
            var dir = parse.GetValue(path) ?? manifest.ShippedDirectory;
            if (dir is null)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(manifest.Name)} is not shipped ({manifest.Access}); pass --path.[/] {Markup.Escape(manifest.HowToObtain)}");
                return 2;
            }
            ManifestVerification result = null!;
            await AnsiConsole.Status().StartAsync($"Verifying {Markup.Escape(manifest.Name)}", async ctx =>
            {
                var progress = new Progress<string>(file => ctx.Status($"Hashing {Markup.Escape(file)}"));
                result = await ManifestVerifier.VerifyAsync(manifest, dir, progress, cancellationToken);
            });
            var table = new Table().AddColumns("file", "status", "expected", "found");
            foreach (var f in result.Files)
                table.AddRow(Markup.Escape(f.Path), f.Passed ? $"[green]{f.Status}[/]" : $"[red]{f.Status}[/]",
                    Markup.Escape(f.Passed ? Shorten(f.Expected) : f.Expected), Markup.Escape(f.Passed ? Shorten(f.Actual) : f.Actual));
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(manifest.Title)}[/] in {Markup.Escape(Path.GetFullPath(dir))}");
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(result.Passed
                ? $"[green]OK[/]: {result.Files.Count} expected files checked."
                : $"[red]FAILED[/]: {result.Files.Count(f => !f.Passed)} of {result.Files.Count} files missing or different.");
            return result.Passed ? 0 : 1;
        });
        return command;
    }

    static Option<string> DatasetOption() =>
        new("--dataset") { Description = "dataset name (a data-manifests/<name>.json), or 'jsonl' for a folder of <split>.jsonl files", DefaultValueFactory = _ => NcbiDiseaseCorpus.Name };

    static async Task<(Corpus Corpus, CorpusReadReport Report)> LoadAsync(string dataset, string? path, string? manifests, CancellationToken cancellationToken)
    {
        var report = new CorpusReadReport();
        Corpus corpus = null!;
        await AnsiConsole.Status().StartAsync($"Loading {Markup.Escape(dataset)}", async _ =>
        {
            corpus = dataset == CorpusCatalog.JsonlFormat
                ? await CorpusCatalog.LoadJsonlAsync(path ?? throw new ArgumentException("--dataset jsonl needs --path <folder of split.jsonl files>."), report: report, cancellationToken: cancellationToken)
                : await CorpusCatalog.LoadAsync(await DataManifest.FindAsync(dataset, manifests, cancellationToken), path, report: report, cancellationToken: cancellationToken);
        });
        return (corpus, report);
    }

    static Command Stats()
    {
        var dataset = DatasetOption();
        var path = PathOption("folder holding the dataset (default: the shipped copy)");
        var manifests = ManifestsOption();
        var command = new Command("stats", "Print documents, sentences, tokens and mentions per type for each split (default: the shipped NCBI Disease corpus).");
        command.Options.Add(dataset);
        command.Options.Add(path);
        command.Options.Add(manifests);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (corpus, report) = await LoadAsync(parse.GetValue(dataset)!, parse.GetValue(path), parse.GetValue(manifests), cancellationToken);
            var stats = CorpusStatistics.Compute(corpus);
            var table = new Table().Title($"[bold]{Markup.Escape(stats.Corpus)}[/]").AddColumns("split", "documents", "sentences", "tokens", "mentions");
            foreach (var type in stats.Types)
                table.AddColumn(new TableColumn(Markup.Escape(type)).RightAligned());
            foreach (var s in stats.Splits)
                table.AddRow([s.Split, N(s.Documents), N(s.Sentences), N(s.Tokens), N(s.Mentions), .. stats.Types.Select(t => N(s.MentionsByType.GetValueOrDefault(t)))]);
            if (stats.Splits.Count > 1)
                table.AddRow([
                "[bold]all[/]", N(stats.Splits.Sum(s => s.Documents)), N(stats.Splits.Sum(s => s.Sentences)), N(stats.Splits.Sum(s => s.Tokens)),
                N(stats.Splits.Sum(s => s.Mentions)), .. stats.Types.Select(t => N(stats.Splits.Sum(s => s.MentionsByType.GetValueOrDefault(t)))),
            ]);
            AnsiConsole.Write(table);
            PrintReport(report);
            return 0;
        });
        return command;
    }

    static Command Export()
    {
        var dataset = DatasetOption();
        var path = PathOption("folder holding the dataset (default: the shipped copy)");
        var manifests = ManifestsOption();
        var output = new Option<string>("--out") { Description = "folder to write <split>.jsonl files into", Required = true };
        var command = new Command("export", "Write a dataset as our JSONL document format, one <split>.jsonl per split.");
        command.Options.Add(dataset);
        command.Options.Add(path);
        command.Options.Add(manifests);
        command.Options.Add(output);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (corpus, report) = await LoadAsync(parse.GetValue(dataset)!, parse.GetValue(path), parse.GetValue(manifests), cancellationToken);
            var dir = parse.GetValue(output)!;
            await JsonlCorpusWriter.WriteCorpusAsync(corpus, dir, cancellationToken);
            foreach (var (split, docs) in corpus.Splits)
                AnsiConsole.MarkupLine($"{Markup.Escape(Path.Combine(dir, split + JsonlCorpusReader.Extension))}: {docs.Count} documents");
            PrintReport(report);
            return 0;
        });
        return command;
    }

    static void PrintReport(CorpusReadReport report)
    {
        foreach (var (name, count) in report.Counts)
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(name)}: {count}[/]");
        foreach (var warning in report.Warnings.Take(20))
            AnsiConsole.MarkupLine($"[yellow]warning[/] {Markup.Escape(warning.ToString())}");
        if (report.WarningCount > 20)
            AnsiConsole.MarkupLine($"[yellow]... and {report.WarningCount - 20} more warnings[/]");
    }

    /// <summary>A matching sha256 needs no 64 digits on screen: its first 12 say which file it is.</summary>
    static string Shorten(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, "[0-9a-f]{64}", m => m.Value[..12] + "…");

    static string N(int n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}

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
        command.Subcommands.Add(Align());
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
        command.SetGuardedAction(async (parse, cancellationToken) =>
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

    static Option<bool> LenientOption() =>
        new("--lenient") { Description = "skip bad lines, spans and documents and count them as warnings, instead of stopping at the first one" };

    static async Task<(Corpus Corpus, CorpusReadReport Report)> LoadAsync(
        string dataset, string? path, string? manifests, bool lenient, System.Text.Encoding? encoding, bool allowEmpty, CancellationToken cancellationToken)
    {
        var report = new CorpusReadReport();
        var options = (lenient ? CorpusReadOptions.Lenient : CorpusReadOptions.Strict) with { Encoding = encoding, AllowEmpty = allowEmpty };
        Corpus corpus = null!;
        await AnsiConsole.Status().StartAsync($"Loading {Markup.Escape(dataset)}", async _ =>
        {
            corpus = dataset == CorpusCatalog.JsonlFormat
                ? await CorpusCatalog.LoadJsonlAsync(path ?? throw new ArgumentException("--dataset jsonl needs --path <folder of split.jsonl files>."), options, report, cancellationToken)
                : await CorpusCatalog.LoadAsync(await DataManifest.FindAsync(dataset, manifests, cancellationToken), path, options, report, cancellationToken);
        });
        return (corpus, report);
    }

    static Command Stats()
    {
        var dataset = DatasetOption();
        var path = PathOption("folder holding the dataset (default: the shipped copy)");
        var manifests = ManifestsOption();
        var lenient = LenientOption();
        var encoding = EncodingOption.Create();
        var allowEmpty = AllowEmptyOption.Create();
        var command = new Command("stats", "Print documents, sentences, tokens and mentions per type for each split (default: the shipped NCBI Disease corpus).");
        command.Options.Add(dataset);
        command.Options.Add(path);
        command.Options.Add(manifests);
        command.Options.Add(lenient);
        command.Options.Add(encoding);
        command.Options.Add(allowEmpty);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var (corpus, report) = await LoadAsync(parse.GetValue(dataset)!, parse.GetValue(path), parse.GetValue(manifests), parse.GetValue(lenient), EncodingOption.Parse(parse.GetValue(encoding)), parse.GetValue(allowEmpty), cancellationToken);
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
        var path = PathOption("folder (or, for mimic-iii, the NOTEEVENTS file) holding the dataset (default: the shipped copy)");
        var manifests = ManifestsOption();
        var output = new Option<string>("--out") { Description = "folder to write <split>.jsonl files into", Required = true };
        var count = new Option<int>("--count") { Description = "mimic-iii: how many notes to sample", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "mimic-iii: sampling seed (same seed, same notes)", DefaultValueFactory = _ => 2024 };
        var category = new Option<string[]>("--category")
        {
            Description = "mimic-iii: CATEGORY values to keep (repeatable)",
            DefaultValueFactory = _ => ["Discharge summary"],
            AllowMultipleArgumentsPerToken = true,
        };
        var lenient = LenientOption();
        var encoding = EncodingOption.Create();
        var allowEmpty = AllowEmptyOption.Create();
        var command = new Command("export", "Write a dataset as our JSONL document format, one <split>.jsonl per split (mimic-iii: a seeded sample as unlabeled.jsonl).");
        foreach (var option in new Option[] { dataset, path, manifests, output, count, seed, category, lenient, encoding, allowEmpty })
            command.Options.Add(option);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(dataset)!;
            var dir = parse.GetValue(output)!;
            if (name != CorpusCatalog.JsonlFormat
                && await DataManifest.FindAsync(name, parse.GetValue(manifests), cancellationToken) is { Format: "mimic-noteevents-csv" })
                return await ExportMimicAsync(parse.GetValue(path), dir, parse.GetValue(count), parse.GetValue(seed), parse.GetValue(category)!, parse.GetValue(lenient),
                    EncodingOption.Parse(parse.GetValue(encoding)), cancellationToken);
            var (corpus, report) = await LoadAsync(name, parse.GetValue(path), parse.GetValue(manifests), parse.GetValue(lenient), EncodingOption.Parse(parse.GetValue(encoding)), parse.GetValue(allowEmpty), cancellationToken);
            await JsonlCorpusWriter.WriteCorpusAsync(corpus, dir, cancellationToken);
            foreach (var (split, docs) in corpus.Splits)
                AnsiConsole.MarkupLine($"{Markup.Escape(Path.Combine(dir, split + JsonlCorpusReader.Extension))}: {docs.Count} documents");
            PrintReport(report);
            return 0;
        });
        return command;
    }

    static async Task<int> ExportMimicAsync(string? path, string dir, int count, int seed, string[] categories, bool lenient, System.Text.Encoding? encoding,
        CancellationToken cancellationToken)
    {
        if (path is null)
        {
            AnsiConsole.MarkupLine("[red]mimic-iii is not shipped (PhysioNet credentialed access); pass --path to NOTEEVENTS.csv.gz or its folder.[/]");
            return 2;
        }
        var file = MimicNoteEventsReader.FindNoteEvents(path);
        var report = new CorpusReadReport();
        IReadOnlyList<Document> sample = [];
        await AnsiConsole.Status().StartAsync("Reading NOTEEVENTS", async ctx =>
        {
            var seen = 0;
            async IAsyncEnumerable<Document> Counted()
            {
                await foreach (var note in MimicNoteEventsReader.ReadAsync(file, new MimicNoteFilter(categories), (lenient ? CorpusReadOptions.Lenient : CorpusReadOptions.Strict) with { Encoding = encoding }, report, cancellationToken))
                {
                    if (++seen % 10_000 == 0) ctx.Status($"Reading NOTEEVENTS: {seen:N0} matching notes");
                    yield return note;
                }
            }
            sample = await MimicNoteEventsReader.SampleAsync(Counted(), count, seed, cancellationToken);
        });
        var target = Path.Combine(dir, SplitNames.Unlabeled + JsonlCorpusReader.Extension);
        await JsonlCorpusWriter.WriteAsync(target, sample, cancellationToken);
        AnsiConsole.MarkupLine($"{Markup.Escape(target)}: {sample.Count} notes (seed {seed}, categories {Markup.Escape(string.Join(", ", categories))})");
        PrintReport(report);
        return 0;
    }

    static Command Align()
    {
        var dataset = DatasetOption();
        var path = PathOption("folder holding the dataset (default: the shipped copy)");
        var manifests = ManifestsOption();
        var examples = new Option<int>("--examples") { Description = "how many non-aligning mentions to list", DefaultValueFactory = _ => 10 };
        var lenient = LenientOption();
        var encoding = EncodingOption.Create();
        var allowEmpty = AllowEmptyOption.Create();
        var command = new Command("align", "Count mentions that do not fit the word tokenizer (boundaries inside tokens, nested, crossing, adjacent) and what IO/BIO tagging keeps.");
        foreach (var option in new Option[] { dataset, path, manifests, examples, lenient, encoding, allowEmpty })
            command.Options.Add(option);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var (corpus, report) = await LoadAsync(parse.GetValue(dataset)!, parse.GetValue(path), parse.GetValue(manifests), parse.GetValue(lenient), EncodingOption.Parse(parse.GetValue(encoding)), parse.GetValue(allowEmpty), cancellationToken);
            var issues = Enum.GetValues<SpanAlignmentIssue>();
            var limit = parse.GetValue(examples);
            var reports = corpus.Splits.Select(kv => (Split: kv.Key, Report: SpanAlignment.Analyze(kv.Value, ClinicalWordTokenizer.Instance, limit))).ToList();
            // One row per outcome, one column per split: stays readable in 80 columns.
            var table = new Table().Title($"[bold]{Markup.Escape(corpus.Name)}[/]: mentions vs ClinicalWordTokenizer").AddColumn("mentions");
            foreach (var (split, _) in reports)
                table.AddColumn(new TableColumn(Markup.Escape(split)).RightAligned());
            table.AddRow(["all", .. reports.Select(r => N(r.Report.Spans))]);
            foreach (var issue in issues)
                table.AddRow([issue.ToString(), .. reports.Select(r => N(r.Report.Count(issue)))]);
            table.AddRow(["IO round trip exact", .. reports.Select(r => N(r.Report.IoRoundTripExact))]);
            table.AddRow(["BIO round trip exact", .. reports.Select(r => N(r.Report.BioRoundTripExact))]);
            var listed = reports.SelectMany(r => r.Report.Examples).OrderBy(c => c.Issue).Take(limit).ToList();
            AnsiConsole.Write(table);
            foreach (var c in listed)
                AnsiConsole.MarkupLine($"[grey]{c.Issue}[/] {Markup.Escape(c.DocumentId)} [[{c.Span.Start},{c.Span.End}) {Markup.Escape(c.Context)}");
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

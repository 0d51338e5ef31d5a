using System.CommandLine;
using Distill.Corpora;
using Distill.Encoders;
using Distill.Evaluation;
using Distill.Teachers.Dictionary;
using Distill.Teachers.Embedding;
using Distill.Teachers.Mesh;
using Spectre.Console;

namespace Distill.Cli.Commands;

/// <summary>
/// `distill bench embedding`: times the embedding teacher cold, warm and cached over the study's documents, or
/// (<c>--sweep</c>) prints its precision/recall/F1 curve over thresholds on the dev split, which is how its
/// default threshold was chosen.
/// </summary>
public static class EmbeddingBenchCommand
{
    public static Command Create()
    {
        var corpus = new Option<string>("--corpus") { Description = "a dataset in data-manifests/ or a folder of JSONL splits", DefaultValueFactory = _ => "ncbi-disease" };
        var splits = new Option<string[]>("--splits") { Description = "splits to label (timing)", DefaultValueFactory = _ => [SplitNames.Dev, SplitNames.Train, SplitNames.Test], AllowMultipleArgumentsPerToken = true };
        var limit = new Option<int?>("--limit") { Description = "only the first N documents of each split" };
        var sweep = new Option<bool>("--sweep") { Description = "print the dev threshold curve instead of timing" };
        var concurrency = new Option<int>("--concurrency") { Description = "labelings in flight at once (the study's default is 4)", DefaultValueFactory = _ => 4 };
        var lexiconChoice = new Option<string>("--lexicon") { Description = "terms to compare with: both (default: dictionary + MeSH), dictionary or mesh", DefaultValueFactory = _ => "both" };
        lexiconChoice.AcceptOnlyFromAmong("both", "dictionary", "mesh");
        var threshold = new Option<float?>("--threshold") { Description = "similarity threshold for the timing passes (default: the dev-chosen one)" };
        var command = new Command("embedding", "Time the embedding teacher (cold, warm, cached) on the study's documents, or sweep its threshold on dev (--sweep).");
        foreach (var option in new Option[] { corpus, splits, limit, sweep, concurrency, lexiconChoice, threshold })
            command.Options.Add(option);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var loaded = await CorpusSource.LoadAsync(parse.GetValue(corpus)!, cancellationToken: cancellationToken);
            IReadOnlyList<Document> Take(string split) =>
                parse.GetValue(limit) is { } n ? loaded.Split(split).Take(n).ToArray() : loaded.Split(split);
            var lexicon = parse.GetValue(lexiconChoice) switch
            {
                "dictionary" => Lexicon.Load(),
                "mesh" => MeshLexicon.Load(),
                _ => EmbeddingTeacher.DefaultLexicon(),
            };
            var options = new EmbeddingTeacherOptions();
            if (parse.GetValue(threshold) is { } t) options = options with { Threshold = t };
            var cache = Distill.Runtime.DistillPaths.Default.CacheDirectory;
            var encoder = new PackagedEncoderStore(Path.Combine(cache, "encoders")).Get(PretrainedEncoders.MiniLm);
            if (parse.GetValue(sweep))
                Sweep(Take(SplitNames.Dev), lexicon, encoder, options with { CacheDirectory = Path.Combine(cache, "embeddings") }, cancellationToken);
            else
                await TimeAsync(parse.GetValue(splits)!.SelectMany(Take).ToArray(), lexicon, encoder, options, parse.GetValue(concurrency), cancellationToken);
            return 0;
        });
        return command;
    }

    static async Task TimeAsync(IReadOnlyList<Document> documents, Lexicon lexicon, EncoderFiles encoder, EmbeddingTeacherOptions options, int concurrency,
        CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("distill-bench-embedding-").FullName;
        try
        {
            AnsiConsole.MarkupLine($"{documents.Count} documents, {Environment.ProcessorCount} cores, {concurrency} labelings in flight; work folder {Markup.Escape(work)}");
            using (var probe = new EmbeddingTeacher(lexicon, encoder))
                AnsiConsole.MarkupLine($"{Markup.Escape(lexicon.ToString().TrimEnd(';'))}; disease terms that phrases can be compared with: {probe.ComparableTerms(EntityTypes.Disease):N0}");
            var steps = await EmbeddingTeacherBenchmark.RunAsync(documents, lexicon, encoder, work, options, concurrency: concurrency, cancellationToken: cancellationToken);
            var table = new Table().AddColumns("pass", "wall s", "CPU s", "texts encoded", "labeled (cached)", "encoder", "term vectors computed / read");
            foreach (var s in steps)
                table.AddRow(s.Name, $"{s.Wall.TotalSeconds:F1}", $"{s.Cpu.TotalSeconds:F1}", $"{s.TextsEncoded:N0}",
                    $"{s.Labelings} ({s.FromCache})", s.EncoderLoaded ? "loaded" : "not loaded", $"{s.TermVectorsComputed:N0} / {s.TermVectorsRead:N0}");
            AnsiConsole.Write(table);
            foreach (var s in steps) AnsiConsole.MarkupLine($"{s.Name}: {Markup.Escape(s.What)}");
            AnsiConsole.MarkupLine("CPU s is the whole process's processor time: on a shared machine it is the steadier figure; wall s ≈ CPU s / cores when the cores are free.");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    static void Sweep(IReadOnlyList<Document> dev, Lexicon lexicon, EncoderFiles encoder, EmbeddingTeacherOptions options, CancellationToken cancellationToken)
    {
        using var teacher = new EmbeddingTeacher(lexicon, encoder, options);
        var scored = dev.Select(d => teacher.Score(d.Text, EntityTypes.Disease, cancellationToken)).ToArray();
        double[] thresholds = [0.55, 0.6, 0.625, 0.65, 0.675, 0.7, 0.725, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0];
        var table = new Table().AddColumns("threshold", "resolution", "token P", "token R", "token F1");
        foreach (var resolution in Enum.GetValues<OverlapResolution>())
        {
            var points = ThresholdSweep.Run(dev, EntityTypes.Disease, thresholds, (t, i) =>
                EmbeddingTeacher.Resolve(scored[i], (float)t, resolution).Select(c => new EntitySpan(c.Phrase.Start, c.Phrase.End, EntityTypes.Disease, c.Phrase.Text)));
            var best = ThresholdSweep.BestF1(points);
            foreach (var p in points)
            {
                var mark = p == best ? "[bold]" : p.Threshold == options.Threshold && resolution == options.Resolution ? "[green]" : "";
                string Cell(string text) => mark == "" ? text : $"{mark}{text}[/]";
                table.AddRow(Cell($"{p.Threshold:F3}"), Cell(resolution.ToString()), Cell($"{p.Score.Precision:F3}"), Cell($"{p.Score.Recall:F3}"), Cell($"{p.Score.F1:F3}"));
            }
        }
        AnsiConsole.Write(table.Caption($"{dev.Count} dev documents, disease; bold: best F1 per resolution, green: the default ({options.Threshold:F3}, {options.Resolution})"));
    }
}

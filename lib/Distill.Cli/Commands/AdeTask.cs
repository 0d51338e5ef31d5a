using System.Diagnostics;
using Distill.Aggregation.Relations;
using Distill.Corpora;
using Distill.Pipeline.AdverseEvents;
using Distill.Runtime;
using Distill.Students.Inference;
using Distill.Students.Relations;
using Spectre.Console;

namespace Distill.Cli.Commands;

/// <summary>The <c>--task ade</c> branches of <c>distill reproduce</c> and <c>distill predict</c> (issue 18): the printing edge of <see cref="AdeStudy"/>.</summary>
internal static class AdeTask
{
    public const string Name = "ade";
    public const string Ner = "ner";

    public static async Task<int> ReproduceAsync(AdeStudyOptions options, CancellationToken cancellationToken)
    {
        // Errors and Ctrl+C: the command's CommandErrors guard (exit 2 one line, 130 after saying what is kept).
        var console = AnsiConsole.Console;
        var cachePath = options.CachePath ?? Distill.Runtime.DistillPaths.Default.TeacherCache;
        var progress = new LineProgress(e =>
            console.MarkupLine($"[grey][[{Markup.Escape(e.Stage)}]][/] {Markup.Escape(e.Message)}{(e.Resumed ? " [green](resumed)[/]" : "")}"));
        var result = await AdeStudy.RunAsync(options, cachePath, progress, cancellationToken);
        Console.Out.WriteLine(result.Markdown);
        console.MarkupLine($"Report: [bold]{Markup.Escape(result.Layout.ReportMarkdown)}[/] ({result.Elapsed.TotalMinutes:F1} min)");
        return 0;
    }

    /// <summary>Writes (drug, adverse event) pairs of each input sentence as ADE JSONL lines (or BRAT relations into a folder).</summary>
    public static async Task<int> PredictAsync(string model, string input, string? output, bool brat, string device, System.Text.Encoding? encoding, CancellationToken cancellationToken)
    {
        if (AdeStudentHead.Read(model) != AdeStudentHead.DrugConditioned)
            throw new InvalidDataException($"'{model}' is not a drug-conditioned ADE student (its config.json names no '{AdeStudentHead.DrugConditioned}' {AdeStudentHead.ConfigKey}).");
        if (brat && output is null) throw new ArgumentException("--format brat needs --out <folder>.");
        using var student = DrugConditionedAdeStudent.Load(model, TorchRuntime.ResolveDevice(device));
        var notes = new List<(string Id, string Text)>();
        await foreach (var note in NoteFiles.ReadAsync(input, encoding, cancellationToken)) notes.Add((note.Id, note.Text));
        var watch = Stopwatch.StartNew();
        // The event decision bias the study chose on dev and recorded in the student's config.json (0 when none was).
        var predicted = student.Predict(notes.Select(n => n.Text).ToArray(), Math.Min(512, student.Drugs.MaxLength), eventBias: AdeStudentHead.EventBias(model));
        var lines = notes.Select((n, i) => AdeDistillationLine.From(n.Id, n.Text, predicted[i].Drugs, predicted[i].Pairs.Select(p => (p, 1.0)))).ToArray();
        if (brat)
        {
            Directory.CreateDirectory(output!);
            foreach (var line in lines) WriteBrat(output!, line);
        }
        else if (output is null) foreach (var line in lines) Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(line, AdeJsonContext.Default.AdeDistillationLine));
        else AdeLineFile.Write(output, lines);
        Console.Error.WriteLine($"{lines.Length} texts, {lines.Sum(l => l.Pairs.Count)} (drug, adverse event) pairs in {watch.Elapsed.TotalSeconds:F2} s{(output is null ? "" : $"; written to {output}")}.");
        return 0;
    }

    /// <summary>BRAT standoff: T lines for drugs and events, R lines <c>Adverse_drug_event Arg1:drug Arg2:event</c>.</summary>
    static void WriteBrat(string folder, AdeDistillationLine line)
    {
        var ann = new System.Text.StringBuilder();
        var ids = new Dictionary<(string, int, int), string>();
        string Entity(string type, AdeSpanRecord span)
        {
            if (ids.TryGetValue((type, span.Start, span.End), out var id)) return id;
            ids[(type, span.Start, span.End)] = id = $"T{ids.Count + 1}";
            ann.Append($"{id}\t{type} {span.Start} {span.End}\t{span.Text}\n");
            return id;
        }
        foreach (var drug in line.Drugs) Entity("Drug", drug);
        var r = 0;
        foreach (var pair in line.Pairs)
            ann.Append($"R{++r}\tAdverse_drug_event Arg1:{Entity("Drug", pair.Drug)} Arg2:{Entity("Adverse_effect", pair.AdverseEvent)}\n");
        var stem = Path.Combine(folder, string.Concat(line.Id.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')));
        Distill.IO.AtomicFile.WriteAllText(stem + ".txt", line.Text);
        Distill.IO.AtomicFile.WriteAllText(stem + ".ann", ann.ToString());
    }

    /// <summary>Prints each stage event as it comes, on the calling thread (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    sealed class LineProgress(Action<AdeStageEvent> print) : IProgress<AdeStageEvent>
    {
        public void Report(AdeStageEvent value) => print(value);
    }
}

using System.CommandLine;
using System.Diagnostics;
using Distill.IO;
using Distill.Runtime;
using Distill.Students;
using Distill.Students.Inference;
using Spectre.Console;

namespace Distill.Cli.Commands;

/// <summary>`distill predict`: label notes with a trained student; reports notes/s and p50/p95 latency per note.</summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "student model directory (HF layout)", Required = true };
        var input = new Option<string>("--input") { Description = "a folder of .txt notes, a .jsonl of {id,text}, or one text file", Required = true };
        var output = new Option<string?>("--out") { Description = "output: a .jsonl file (jsonl) or a folder (brat); default: JSONL on stdout" };
        var format = new Option<string>("--format") { Description = "jsonl or brat", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "brat");
        var device = new Option<string>("--device") { Description = "cpu, cuda, cuda:N or auto", DefaultValueFactory = _ => "auto" };
        var batchSize = new Option<int>("--batch-size") { Description = "windows per forward pass (a long note's windows are batched by length)", DefaultValueFactory = _ => 8 };
        var backend = new Option<string?>("--backend") { Description = "torch, onnx or onnx-int8 (ONNX Runtime; a student folder is exported into its onnx/ folder on first use); default: the fastest the model has" };
        backend.AcceptOnlyFromAmong([.. StudentBackends.Names]);
        var notesPerPass = new Option<int>("--notes-per-pass") { Description = "notes whose windows are batched by length together (default 1: on 2 CPU cores batching across notes saved no CPU time and doubled peak memory, see Students/README; larger helps a GPU)", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime threads (0: one per core)", DefaultValueFactory = _ => 0 };
        var encoding = EncodingOption.Create();
        var task = new Option<string>("--task") { Description = "ner (spans, default) or ade ((drug, adverse event) pairs with a drug-conditioned ADE student)", DefaultValueFactory = _ => AdeTask.Ner };
        task.AcceptOnlyFromAmong(AdeTask.Ner, AdeTask.Name);
        var command = new Command("predict", "Find mentions in notes with a trained student; writes spans as JSONL or BRAT.");
        foreach (var o in new Option[] { model, input, output, format, device, batchSize, notesPerPass, backend, threads, encoding, task }) command.Options.Add(o);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(task) == AdeTask.Name)
                return await AdeTask.PredictAsync(parse.GetValue(model)!, parse.GetValue(input)!, parse.GetValue(output), parse.GetValue(format) == "brat",
                    parse.GetValue(device)!, EncodingOption.Parse(parse.GetValue(encoding)), cancellationToken);
            {
                var outPath = parse.GetValue(output);
                var brat = parse.GetValue(format) == "brat";
                if (brat && outPath is null) throw new ArgumentException("--format brat needs --out <folder>.");
                var kindName = parse.GetValue(backend);
                using var runner = StudentBackends.Open(parse.GetValue(model)!, kindName is null ? null : StudentBackends.Parse(kindName), parse.GetValue(device)!, parse.GetValue(threads));
                Console.Error.WriteLine($"Backend: {runner.Name}{(kindName is null ? " (default: the fastest this model has)" : "")} on {runner.Device}; labels [{string.Join(", ", runner.Labels)}]" +
                    (runner is TorchStudentBackend torch ? $"; student: {torch.Student.Origin}; {torch.LoadReport}" : ""));
                var predictor = new StudentPredictor(runner, parse.GetValue(batchSize));
                var latencies = new List<double>();
                var bratWriter = brat ? new BratNoteWriter(outPath!) : null;
                var total = Stopwatch.StartNew();
                var perPass = parse.GetValue(notesPerPass);
                if (perPass < 1) throw new ArgumentException($"--notes-per-pass must be at least 1 (got {perPass}).");
                async Task PredictAllAsync(TextWriter? jsonl)
                {
                    // Notes are read perPass at a time and their windows batched by length together (issue 16);
                    // each note's latency is that of its pass, which is what a note waits for.
                    var pending = new List<Note>(perPass);
                    async Task PassAsync()
                    {
                        var watch = Stopwatch.StartNew();
                        var labelled = predictor.Predict(pending);
                        latencies.AddRange(Enumerable.Repeat(watch.Elapsed.TotalSeconds, pending.Count));
                        foreach (var document in labelled)
                            if (bratWriter is not null) await bratWriter.WriteAsync(document, cancellationToken);
                            else await jsonl!.WriteLineAsync(NoteFiles.ToJsonLine(document).AsMemory(), cancellationToken);
                        pending.Clear();
                    }
                    await foreach (var note in NoteFiles.ReadAsync(parse.GetValue(input)!, EncodingOption.Parse(parse.GetValue(encoding)), cancellationToken))
                    {
                        pending.Add(note);
                        if (pending.Count == perPass) await PassAsync();
                    }
                    if (pending.Count > 0) await PassAsync();
                }
                if (brat) await PredictAllAsync(null);
                else if (outPath is null) await PredictAllAsync(Console.Out);
                else await AtomicFile.WriteTextAsync(outPath, PredictAllAsync, cancellationToken);
                // Issue 15: two notes of one id used to leave one .txt/.ann pair; each now has its own, and the renamed are listed.
                foreach (var (id, stem) in bratWriter?.Renamed ?? [])
                    Console.Error.WriteLine($"note id '{id}' was already written to {outPath}; this note is {stem}.txt / {stem}.ann.");
                var summary = LatencySummary.From(latencies, total.Elapsed.TotalSeconds);
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
                console.MarkupLine($"{summary.Notes} notes in {summary.TotalSeconds:F2} s: [bold]{summary.NotesPerSecond:F2} notes/s[/], " +
                                   $"latency per note ({perPass} notes per pass) p50 {summary.P50Milliseconds:F1} ms, p95 {summary.P95Milliseconds:F1} ms" +
                                   (outPath is null ? "." : $"; written to {Markup.Escape(outPath)}."));
                return 0;
            }
        }, "Nothing partial is left: --out is written whole (temp file, then rename).");
        return command;
    }
}

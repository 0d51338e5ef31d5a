using System.Diagnostics;
using Distill.Corpora;
using Distill.Students.Inference;
using Distill.Teachers;
using Distill.Teachers.Cache;
using Distill.Teachers.Configuration;
using Distill.Teachers.Dictionary;
using Distill.Teachers.Llm;
using Distill.Teachers.QuestionAnswering;
using Distill.Teachers.QuestionGeneration;

namespace Distill.Pipeline.SyntheticQa;

/// <summary>
/// The synthetic-QA study end to end (<c>distill reproduce --task qa</c>, issue 19): generation and validation, the
/// fine-tuning export, the small student, the n2c2 2018 Track 1 evaluation and the report, each a stage that takes its
/// inputs explicitly and returns a typed record. With a teachers file, its first OpenAI/Azure entry generates the pairs
/// and every OpenAI/Azure entry (base model, fine-tuned model, teacher) is also scored on n2c2; without one, the keyless
/// template generator writes the pairs and only the student is scored. Progress goes out through
/// <see cref="IProgress{T}"/>; nothing here prints.
/// </summary>
public static class QaStudy
{
    public static async Task<QaStudyResult> RunAsync(QaStudyRequest request, IProgress<QaStudyEvent>? progress = null,
        HttpClient? httpClient = null, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var layout = request.Layout;
        Directory.CreateDirectory(layout.Root);
        var notes = new List<Document>();
        await foreach (var note in NoteFiles.ReadAsync(request.NotesFolder, cancellationToken).ConfigureAwait(false))
            notes.Add(new Document(note.Id, note.Text));
        if (notes.Count == 0) throw new InvalidDataException($"{request.NotesFolder}: no notes.");
        var byId = new Dictionary<string, Document>(StringComparer.Ordinal);
        foreach (var note in notes)
            if (!byId.TryAdd(note.Id, note)) throw new InvalidDataException($"{request.NotesFolder}: two notes have the id '{note.Id}'.");

        var dictionary = new Lazy<DictionaryTeacher>(() => DictionaryTeacher.CreateDefault());
        var llms = request.TeachersFile is null ? []
            : TeachersFile.Build(TeachersFile.Read(request.TeachersFile), dictionary, httpClient: httpClient).OfType<LlmTeacher>().ToArray();
        if (request.TeachersFile is not null && llms.Length == 0)
            throw new InvalidDataException($"{request.TeachersFile}: no openai or azure teacher; the QA study needs one to generate pairs (or no --teachers for the template generator).");
        await using var cache = llms.Length > 0 ? SqliteTeacherCache.Open(request.CachePath) : null;

        IQaGenerator generator;
        var generatorFingerprint = "";
        if (llms.Length > 0)
        {
            var llm = new LlmQaGenerator(llms[0], cache: cache, offline: request.Offline);
            generatorFingerprint = llm.Fingerprint.ParametersJson + llm.Prompt.Hash;
            generator = llm;
            if (request.DryRun)
            {
                var estimate = await llm.EstimateAsync(notes, cancellationToken).ConfigureAwait(false);
                QaFiles.WriteJson(layout.DryRun, estimate, QaJsonContext.Indented.QaDryRunEstimate);
                return new QaStudyResult(layout, null, null, null, null, estimate, watch.Elapsed);
            }
        }
        else
        {
            generator = new TemplateQaGenerator(dictionary.Value, QaStudyDefaults.Seed);
            if (request.DryRun)
            {
                var free = new QaDryRunEstimate(generator.Name, notes.Count, 0, 0, 0, 0, 0m);
                QaFiles.WriteJson(layout.DryRun, free, QaJsonContext.Indented.QaDryRunEstimate);
                return new QaStudyResult(layout, null, null, null, null, free, watch.Elapsed);
            }
        }

        var generation = await QaGenerationStage.RunAsync(generator, notes, layout, generatorFingerprint, progress, cancellationToken).ConfigureAwait(false);
        if (generation.Pairs.Count == 0)
            throw new InvalidDataException($"No valid question-answer pairs from {notes.Count} notes (see {layout.GenerationSummary}); nothing to train on.");
        var export = QaExportStage.Run(generation.Pairs, byId, layout, request.Dataset, progress: progress);

        var options = request.StudentOptions ?? QaStudyDefaults.StudentOptions(request.Quick);
        var studentResult = QaStudentStage.Run(new FineTuningDatasetSplit(export.Dataset.Train, export.Dataset.Validation), byId, layout, request.Student,
            request.CacheDirectory, options, progress, cancellationToken);
        using var student = studentResult.Student;

        CohortEvaluationResult? cohort = null;
        if (request.N2c2Folder is { } folder)
        {
            var patients = new List<N2c2Track1Patient>();
            await foreach (var patient in N2c2Track1Reader.ReadDirectoryAsync(folder, cancellationToken: cancellationToken).ConfigureAwait(false))
                patients.Add(patient);
            if (patients.Count == 0) throw new InvalidDataException($"{folder}: no n2c2 2018 Track 1 .xml files.");
            var llmAnswerers = llms.Select(t => new LlmQuestionAnswerer(t, cache: cache)).ToArray();
            IReadOnlyList<IQuestionAnswerer> answerers = [student, .. llmAnswerers];
            cohort = await CohortEvaluationStage.RunAsync(patients, answerers, layout,
                a => a is LlmQuestionAnswerer l ? l.Usage.CostUsd : 0m, progress, cancellationToken).ConfigureAwait(false);
        }

        var result = new QaStudyResult(layout, generation, export, studentResult.Summary, cohort, null, watch.Elapsed) { StudentResumed = studentResult.Resumed };
        Distill.IO.AtomicFile.WriteAllText(layout.Report, QaStudyReport.Render(result));
        QaFiles.WriteJson(layout.Manifest, new QaStudyManifest("qa", generation.Summary.Generator, generation.Summary.GeneratorKind == QaGeneratorKind.Template ? "template" : "llm",
            studentResult.Summary.Student, request.Quick, request.NotesFolder, request.N2c2Folder, DateTimeOffset.UtcNow, watch.Elapsed.TotalSeconds,
            generation.Summary.GeneratorKind == QaGeneratorKind.Template ? "pairs from the keyless template generator, not an LLM" : "pairs from an LLM"),
            QaJsonContext.Indented.QaStudyManifest);
        progress?.Report(new QaStudyEvent("report", $"wrote {layout.Report}"));
        return result;
    }
}

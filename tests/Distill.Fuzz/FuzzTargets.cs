using Distill.Corpora;
using Distill.Notebooks;
using Distill.Students.Checkpoints;
using Distill.Students.Training;
using Distill.Teachers.Configuration;
using Distill.Teachers.Dictionary;

namespace Distill.Fuzz;

/// <summary>
/// The parsers that take files from users, each with the exceptions that are its documented answer to bad input
/// (README.md in this folder has the same table). The corpus readers run twice per input, strict (the first problem is
/// a <see cref="CorpusFormatException"/>) and lenient (problems are counted; only undecodable bytes may throw).
/// </summary>
public static class FuzzTargets
{
    /// <summary>Every input file is named fuzz-input.*; a user error must name it (one clear line naming the file).</summary>
    public const string InputName = "fuzz-input";

    static readonly HttpClient SharedHttpClient = new();

    /// <summary>Simulated teachers ask for a matcher only when they label; building one must not load the vocabularies.</summary>
    static readonly Lazy<DictionaryTeacher> NoDictionary = new(() => throw new InvalidOperationException("the fuzz harness builds no dictionary teacher"));

    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("pubtator", nameof(CorpusFormatException), e => e is CorpusFormatException, (input, scratch) =>
            ReadBothModes(scratch.Write(InputName + ".txt", input), (path, options) => PubTatorReader.Read(path, options).Count)),
        new("brat", nameof(CorpusFormatException), e => e is CorpusFormatException, (input, scratch) =>
        {
            // The input is the .txt, a NUL byte, then the .ann (no NUL: all of it is the .ann, with an empty text).
            var split = Array.IndexOf(input, (byte)0);
            scratch.Write(InputName + ".txt", split < 0 ? [] : input.AsSpan(0, split));
            var ann = scratch.Write(InputName + ".ann", split < 0 ? input : input.AsSpan(split + 1));
            ReadBothModes(ann, (path, options) => BratStandoffReader.ReadAsync(path, options).GetAwaiter().GetResult()?.Entities.Count ?? 0);
        }),
        new("conll", nameof(CorpusFormatException), e => e is CorpusFormatException, (input, scratch) =>
            ReadBothModes(scratch.Write(InputName + ".conll", input), (path, options) => ConllReader.Read(path, TagScheme.Auto, options).Count)),
        new("jsonl", nameof(CorpusFormatException), e => e is CorpusFormatException, (input, scratch) =>
            ReadBothModes(scratch.Write(InputName + ".jsonl", input), (path, options) => JsonlCorpusReader.Read(path, options).Count)),
        new("trainingset", $"{nameof(InvalidDataException)}, {nameof(CorpusFormatException)} (bytes that are not UTF-8)",
            e => e is InvalidDataException or CorpusFormatException, (input, scratch) =>
            {
                var documents = TrainingSetReader.ReadAllAsync(scratch.Write(InputName + ".jsonl", input)).GetAwaiter().GetResult();
                _ = StudentTrainer.LabelsOf(documents);
            }),
        new("teachers", nameof(InvalidDataException), e => e is InvalidDataException, (input, scratch) =>
        {
            var specs = TeachersFile.Read(scratch.Write(InputName + ".yaml", input));
            // Build what Read accepted, without the offline vocabularies (a second or more per input): the network
            // teachers and the simulated ones are built from the entry alone, so every value Read let through is used.
            var built = specs.Where(s => s.Provider is "openai" or "azure" or "bioportal" or "simulated").ToList();
            _ = TeachersFile.Build(built, NoDictionary, _ => "fuzz-key", SharedHttpClient);
        }),
        new("safetensors", nameof(InvalidDataException), e => e is InvalidDataException, (input, scratch) =>
        {
            using var tensors = SafetensorsFile.Read(scratch.Write(InputName + ".safetensors", input));
        }),
        new("pickle", nameof(InvalidDataException), e => e is InvalidDataException, (input, scratch) =>
        {
            using var tensors = PytorchCheckpointFile.Read(scratch.Write(InputName + ".bin", input));
        }),
        new("notebook", nameof(NotebookFormatException), e => e is NotebookFormatException, (input, scratch) =>
            _ = NotebookFile.Read(scratch.Write(InputName + ".ipynb", input))),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>Strict, then lenient; a strict error is rethrown once the lenient read got through, so the outcome is a user error.</summary>
    static void ReadBothModes(string path, Func<string, CorpusReadOptions, int> read)
    {
        CorpusFormatException? strict = null;
        try
        {
            read(path, CorpusReadOptions.Strict);
        }
        catch (CorpusFormatException e)
        {
            // The documented answer in strict mode, if its message is one line naming the file; lenient mode below
            // must then get through, or fail the same way (bytes that are not UTF-8 fail in both modes).
            FuzzRunner.CheckMessage(e);
            strict = e;
        }
        read(path, CorpusReadOptions.Lenient);
        if (strict is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(strict);
    }
}

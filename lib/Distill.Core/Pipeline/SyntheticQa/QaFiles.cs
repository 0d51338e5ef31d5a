using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Distill.IO;

namespace Distill.Pipeline.SyntheticQa;

/// <summary>Reads and writes the stages' files through <see cref="QaJsonContext"/>, atomically (temp, then rename).</summary>
internal static class QaFiles
{
    public static void WriteJson<T>(string path, T value, JsonTypeInfo<T> info)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(value, info) + "\n");
    }

    public static void WriteLines<T>(string path, IEnumerable<T> values, JsonTypeInfo<T> info)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.Write(path, temp => File.WriteAllLines(temp, values.Select(v => JsonSerializer.Serialize(v, info))));
    }

    /// <summary>The value in <paramref name="path"/>, or null when the file is missing or is not a valid record (then the stage runs again).</summary>
    public static T? TryReadJson<T>(string path, JsonTypeInfo<T> info) where T : class
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), info);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Every line of a JSONL file; a bad line is an error naming file and line.</summary>
    public static IReadOnlyList<T> ReadLines<T>(string path, JsonTypeInfo<T> info)
    {
        var values = new List<T>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                values.Add(JsonSerializer.Deserialize(line, info) ?? throw new InvalidDataException($"{path}:{number}: null record."));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}:{number}: not a valid record ({e.Message}).", e);
            }
        }
        return values;
    }
}

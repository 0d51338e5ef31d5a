using System.Text.Json;
using Distill.IO;

namespace Distill.Aggregation.Relations;

/// <summary>Reads and writes <see cref="AdeDistillationLine"/> JSONL files (temp file then rename; a bad line names file and line).</summary>
public static class AdeLineFile
{
    public static void Write(string path, IEnumerable<AdeDistillationLine> lines)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.WriteAllText(path, string.Concat(lines.Select(l => JsonSerializer.Serialize(l, AdeJsonContext.Default.AdeDistillationLine) + "\n")));
    }

    public static IReadOnlyList<AdeDistillationLine> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"ADE file not found: {path}", path);
        var lines = new List<AdeDistillationLine>();
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            if (raw.Length == 0) continue;
            AdeDistillationLine? line;
            try
            {
                line = JsonSerializer.Deserialize(raw, AdeJsonContext.Default.AdeDistillationLine);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}:{number}: not an ADE line ({e.Message}).", e);
            }
            if (line is null || line.Id is null || line.Text is null || line.Drugs is null || line.Pairs is null)
                throw new InvalidDataException($"{path}:{number}: expected an object with id, text, drugs and pairs.");
            _ = line.ToPairs();
            _ = line.ToDrugs();
            lines.Add(line);
        }
        return lines;
    }
}

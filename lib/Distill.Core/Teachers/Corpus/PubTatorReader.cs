using System.Text;
using Distill.Corpora;

namespace Distill.Teachers.Corpus;

/// <summary>
/// A minimal reader for the NCBI Disease PubTator files (<c>PMID|t|title</c>, <c>PMID|a|abstract</c>, then
/// <c>PMID TAB start TAB end TAB mention TAB type TAB id</c> lines; offsets into title + " " + abstract). Every
/// NCBI mention type maps to <c>disease</c>. It exists so the teachers stage can label and score the embedded
/// default corpus on its own; the corpora stage owns the full reader, which should replace this one.
/// </summary>
internal static class PubTatorReader
{
    public static IReadOnlyList<Document> Read(string path)
    {
        var documents = new List<Document>();
        string? pmid = null, title = null, abstractText = null;
        var spans = new List<EntitySpan>();
        var lineNumber = 0;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);

        void Flush()
        {
            if (pmid is null) return;
            var text = (title ?? "") + " " + (abstractText ?? "");
            // PMID 8528200 appears twice in the original data; keep both, with distinct ids.
            var id = seen.TryGetValue(pmid, out var n) ? $"{pmid}#{n + 1}" : pmid;
            seen[pmid] = n + 1;
            documents.Add(new Document(id, text, spans.Select(s => s with { Text = text[s.Start..s.End] })));
            pmid = title = abstractText = null;
            spans.Clear();
        }

        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            if (line.Length == 0) { Flush(); continue; }
            var bar = line.IndexOf('|');
            if (bar > 0 && bar + 2 < line.Length && line[bar + 2] == '|' && (line[bar + 1] == 't' || line[bar + 1] == 'a'))
            {
                var id = line[..bar];
                if (pmid is not null && pmid != id) Flush();
                pmid = id;
                if (line[bar + 1] == 't') title = line[(bar + 3)..]; else abstractText = line[(bar + 3)..];
                continue;
            }
            var fields = line.Split('\t');
            if (fields.Length < 5 || !int.TryParse(fields[1], out var start) || !int.TryParse(fields[2], out var end))
                throw new InvalidDataException($"{path}:{lineNumber}: expected 'PMID<TAB>start<TAB>end<TAB>mention<TAB>type<TAB>id', got '{line}'.");
            if (fields[0] != pmid)
                throw new InvalidDataException($"{path}:{lineNumber}: annotation for PMID {fields[0]} inside document {pmid}.");
            spans.Add(new EntitySpan(start, end, EntityTypes.Disease, fields[3]) { SourceType = fields[4] });
        }
        Flush();
        return documents;
    }

    /// <summary>
    /// The NCBI Disease split file (train, dev or test) under <c>data/ncbi-disease</c>: the original file names
    /// (<c>NCBItrainset_corpus.txt</c>, <c>NCBIdevelopset_corpus.txt</c>, <c>NCBItestset_corpus.txt</c>) are looked
    /// for anywhere below that folder, so the staged layout (<c>original-data/&lt;split&gt;/</c>) and a flat one both work.
    /// </summary>
    public static string SplitPath(string split)
    {
        var file = split switch
        {
            SplitNames.Train => "NCBItrainset_corpus.txt",
            SplitNames.Dev or "devel" => "NCBIdevelopset_corpus.txt",
            SplitNames.Test => "NCBItestset_corpus.txt",
            _ => throw new ArgumentException($"NCBI Disease has splits train, dev, test; not '{split}'.", nameof(split)),
        };
        var folder = RepositoryData.Path("ncbi-disease");
        var found = Directory.Exists(folder) ? Directory.GetFiles(folder, file, SearchOption.AllDirectories).Order(StringComparer.Ordinal).FirstOrDefault() : null;
        return found ?? Path.Combine(folder, "original-data", split == SplitNames.Dev ? "devel" : split, file);
    }
}

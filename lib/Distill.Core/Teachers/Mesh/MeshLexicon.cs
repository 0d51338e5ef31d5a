using Distill.Teachers.Dictionary;

namespace Distill.Teachers.Mesh;

/// <summary>
/// Turns MeSH descriptors into <see cref="LexiconEntry"/> rows for the dictionary machinery
/// (<see cref="Lexicon"/>, <see cref="TokenTrieMatcher"/>): each selected descriptor gives every entry term in
/// natural word order (<see cref="MeshEntryTerm.NaturalOrder"/>), concept id <c>MESH:&lt;descriptor ui&gt;</c>.
/// </summary>
public static class MeshLexicon
{
    /// <summary>Reads <see cref="MeshLexiconOptions.Path"/> and builds the lexicon. A missing file is an error.</summary>
    public static Lexicon Load(MeshLexiconOptions? options = null)
    {
        options ??= new MeshLexiconOptions();
        if (!File.Exists(options.Path))
            throw new FileNotFoundException($"MeSH terms file not found: '{options.Path}'. It ships in the repository's data/mesh/ folder.", options.Path);
        return new Lexicon(Entries(MeshReader.Read(options.Path), options));
    }

    public static IEnumerable<LexiconEntry> Entries(IEnumerable<MeshDescriptor> descriptors, MeshLexiconOptions options)
    {
        var selections = options.Selections().ToArray();
        foreach (var descriptor in descriptors)
            foreach (var (entityType, selection) in selections)
            {
                if (!selection.Selects(descriptor.TreeNumbers)) continue;
                foreach (var term in Forms(descriptor.Terms, options).Distinct(StringComparer.OrdinalIgnoreCase))
                    yield return new LexiconEntry(term, entityType, "MESH:" + descriptor.DescriptorUi);
            }
    }

    static IEnumerable<string> Forms(IEnumerable<string> terms, MeshLexiconOptions options)
    {
        foreach (var term in terms)
        {
            if (MeshEntryTerm.NaturalOrder(term) is { } natural) yield return natural;
            if (options.KeepInvertedForms && MeshEntryTerm.IsInverted(term)) yield return term;
        }
    }
}

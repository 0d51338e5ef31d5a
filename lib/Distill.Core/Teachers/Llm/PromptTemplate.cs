using Distill.Corpora;
using Distill.Teachers.Cache;

namespace Distill.Teachers.Llm;

/// <summary>
/// A prompt for one entity type, read from a versioned file in the repository's <c>prompts/</c> folder
/// (<c>prompts/&lt;entity type&gt;.v&lt;N&gt;.txt</c>). <c>{{text}}</c> is replaced by the note.
/// The SHA-256 of the file's text is part of the cache key, so editing a prompt never replays old answers.
/// </summary>
internal sealed record PromptTemplate(string EntityType, string Template, string Source)
{
    public const string TextPlaceholder = "{{text}}";

    public string Hash { get; } = CacheKey.Sha256Hex(Template);

    public string Render(string text) => Template.Replace(TextPlaceholder, text, StringComparison.Ordinal);

    public static PromptTemplate Load(string entityType, string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Prompt template for '{entityType}' not found: '{path}'.", path);
        var template = File.ReadAllText(path).Replace("\r\n", "\n");
        if (!template.Contains(TextPlaceholder, StringComparison.Ordinal))
            throw new InvalidDataException($"Prompt template '{path}' has no {TextPlaceholder} placeholder for the note.");
        return new PromptTemplate(entityType, template, path);
    }

    /// <summary>The highest version of <c>prompts/&lt;entityType&gt;.vN.txt</c> under <paramref name="folder"/> (default: the repository's prompts/).</summary>
    public static PromptTemplate Latest(string entityType, string? folder = null)
    {
        folder ??= Distill.Runtime.DistillPaths.Default.Prompts;
        var best = Directory.Exists(folder)
            ? Directory.GetFiles(folder, $"{entityType}.v*.txt")
                .Select(f => (File: f, Version: int.TryParse(Path.GetFileNameWithoutExtension(f)[(entityType.Length + 2)..], out var v) ? v : -1))
                .Where(x => x.Version >= 0).OrderByDescending(x => x.Version).FirstOrDefault().File
            : null;
        return best is null
            ? throw new FileNotFoundException($"No prompt template '{entityType}.vN.txt' in '{folder}'.")
            : Load(entityType, best);
    }
}

using Distill.Corpora;
using Distill.Teachers;
using Distill.Teachers.Cache;
using Distill.Teachers.Dictionary;
using Distill.Teachers.Embedding;
using Distill.Tests.Encoders;

namespace Distill.Tests.Teachers.Embedding;

public sealed class EmbeddingTeacherTests
{
    static readonly Lexicon Terms = new(
    [
        new LexiconEntry("X-linked combined immunodeficiency", "disease", "DOID:1"),
        new LexiconEntry("septal defect", "disease", "DOID:2"),
        new LexiconEntry("gout", "disease", "DOID:3"),
        new LexiconEntry("breast cancer", "disease", "DOID:4"),
        new LexiconEntry("adrenal cortical insufficiency", "disease", "DOID:5"),
        new LexiconEntry("cystic fibrosis", "disease", "DOID:6"),
        new LexiconEntry("Huntington disease", "disease", "DOID:7"),
    ]);

    static EmbeddingTeacher Teacher(string? cacheDirectory = null, float threshold = EmbeddingTeacherOptions.DefaultThreshold, Lexicon? lexicon = null) =>
        new(lexicon ?? Terms, TestEncoders.MiniLm, new EmbeddingTeacherOptions { Threshold = threshold, CacheDirectory = cacheDirectory });

    [Fact]
    public async Task It_finds_a_paraphrase_the_exact_dictionary_misses()
    {
        var document = new Document("d1", "The boy was diagnosed with X-linked immunodeficiency at two.");
        var dictionary = await new DictionaryTeacher(Terms).LabelAsync(document, "disease");
        Assert.Empty(dictionary.Spans);

        using var teacher = Teacher();
        var labeling = await teacher.LabelAsync(document, "disease");
        var span = Assert.Single(labeling.Spans);
        Assert.Equal("X-linked immunodeficiency", span.Text);
        Assert.Equal(TeacherKind.Embedding, labeling.Kind);
        Assert.Contains("X-linked combined immunodeficiency", labeling.RawResponse); // provenance: the term it matched
    }

    [Fact]
    public async Task A_phrase_with_a_disease_head_but_another_meaning_is_compared_and_not_labeled()
    {
        using var teacher = Teacher();
        const string text = "The release shipped with a software defect.";
        var scored = teacher.Score(text, "disease");
        var defect = Assert.Single(scored, c => c.Phrase.Text == "software defect"); // it was compared with "septal defect" ...
        Assert.Equal("septal defect", defect.Term.Term);
        Assert.True(defect.Similarity < teacher.Options.Threshold, $"similarity {defect.Similarity}"); // ... and judged too far
        Assert.Empty((await teacher.LabelAsync(new Document("d2", text), "disease")).Spans);
    }

    [Fact]
    public async Task Exact_lexicon_hits_count_as_similarity_one_without_loading_the_encoder()
    {
        using var teacher = Teacher();
        var labeling = await teacher.LabelAsync(new Document("d3", "Her gout flared again."), "disease");
        Assert.Equal(["gout"], labeling.Spans.Select(s => s.Text));
        Assert.Equal(1f, teacher.Score("Her gout flared again.", "disease").Single(c => c.Phrase.Text == "gout").Similarity);
        Assert.False(teacher.EncoderLoaded);
    }

    [Fact]
    public void The_fingerprint_changes_with_the_threshold_and_the_lexicon_but_not_the_cache_folder()
    {
        var a = Teacher(threshold: 0.7f).Fingerprint("disease");
        Assert.NotEqual(a, Teacher(threshold: 0.8f).Fingerprint("disease"));
        Assert.NotEqual(a.Model, Teacher(lexicon: new Lexicon(Terms.Entries.Skip(1))).Fingerprint("disease").Model);
        Assert.Equal(a, Teacher(cacheDirectory: TeacherTestData.TempFolder(), threshold: 0.7f).Fingerprint("disease"));
        Assert.False(a.UsesNetwork);
    }

    [Fact]
    public async Task Term_vectors_are_cached_on_disk_and_a_corrupt_cache_file_is_rebuilt()
    {
        var folder = TeacherTestData.TempFolder();
        var document = new Document("d4", "Adrenal insufficiency and X-linked immunodeficiency were ruled out.");
        using var first = Teacher(folder);
        var expected = (await first.LabelAsync(document, "disease")).Spans;
        // Only the blocks the phrases needed were embedded ("insufficiency", "immunodeficiency"), not "gout" or "cancer".
        Assert.Equal((2, 0), (first.TermVectorsComputed, first.TermVectorsRead));
        var phrases = first.TextsEncoded - first.TermVectorsComputed;
        Assert.True(phrases > 0);

        // A second teacher reads the vectors: the encoder sees only the note's phrases, not the terms again.
        using var second = Teacher(folder);
        Assert.Equal(expected, (await second.LabelAsync(document, "disease")).Spans);
        Assert.Equal((0, 2), (second.TermVectorsComputed, second.TermVectorsRead));
        Assert.Equal(phrases, second.TextsEncoded);

        var files = Directory.GetFiles(folder, "*.bin", SearchOption.AllDirectories);
        Assert.Equal(2, files.Length); // one per block
        var bytes = File.ReadAllBytes(files[0]);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(files[0], bytes);
        using var third = Teacher(folder);
        Assert.Equal(expected, (await third.LabelAsync(document, "disease")).Spans);
        Assert.Equal((1, 1), (third.TermVectorsComputed, third.TermVectorsRead)); // the damaged block is rebuilt, not trusted
        using var fourth = Teacher(folder);
        await fourth.LabelAsync(document, "disease");
        Assert.Equal((0, 2), (fourth.TermVectorsComputed, fourth.TermVectorsRead)); // and the rebuilt file is whole
    }

    [Fact]
    public async Task A_run_served_from_the_teacher_cache_never_loads_the_encoder()
    {
        var folder = TeacherTestData.TempFolder();
        var document = new Document("d5", "Huntington's disease and cystic fibrosis and X-linked immunodeficiency.");
        await using var cache = SqliteTeacherCache.Open(Path.Combine(folder, "teachers.sqlite"));
        using var first = Teacher(folder);
        var computed = await new CachedTeacher(first, cache).LabelAsync(document, "disease");
        Assert.False(computed.FromCache);
        Assert.True(first.EncoderLoaded);

        using var second = Teacher(folder);
        var replayed = await new CachedTeacher(second, cache).LabelAsync(document, "disease");
        Assert.True(replayed.FromCache);
        Assert.Equal(computed.Spans, replayed.Spans);
        Assert.False(second.EncoderLoaded);
        Assert.Equal((0, 0), (second.TermVectorsComputed, second.TermVectorsRead));
    }

    [Fact]
    public async Task An_entity_type_without_terms_is_not_supported_and_fails_plainly()
    {
        using var teacher = Teacher();
        Assert.True(teacher.Supports("disease"));
        Assert.False(teacher.Supports("medication"));
        var labeling = await teacher.LabelAsync(new Document("d6", "aspirin"), "medication");
        Assert.Contains("no ontology terms for entity type 'medication'", labeling.Error);
    }

    [Fact]
    public void Overlaps_are_resolved_longest_first_or_most_similar_first()
    {
        var term = new LexiconEntry("breast cancer", "disease", "DOID:4");
        ScoredCandidate At(int start, int end, int words, float similarity) => new(new CandidatePhrase(start, end, new string('x', end - start), words), term, similarity);
        var exact = At(10, 23, 2, 1f);       // "breast cancer"
        var longer = At(0, 23, 3, 0.8f);     // "hereditary breast cancer"
        var below = At(0, 30, 4, 0.5f);      // under the threshold
        var apart = At(40, 45, 1, 0.75f);    // overlaps nothing
        Assert.Equal([longer, apart], EmbeddingTeacher.Resolve([exact, longer, below, apart], 0.7f, OverlapResolution.LongestFirst));
        Assert.Equal([exact, apart], EmbeddingTeacher.Resolve([exact, longer, below, apart], 0.7f, OverlapResolution.MostSimilarFirst));
    }
}

using Distill.Aggregation;
using Distill.Corpora;
using Distill.Students.Training;

namespace Distill.Tests.Students.Training;

public sealed class TrainingSetReaderTests
{
    [Fact]
    public void Reads_tokens_tags_and_soft_labels()
    {
        const string line = """{"id":"d1","text":"breast cancer now","spans":[{"start":0,"end":13,"type":"disease","text":"breast cancer"}],"tokens":[[0,6],[7,13],[14,17]],"tags":["disease","disease","O"],"labels":["O","disease"],"probabilities":[[0.2,0.8],[0.1,0.9],[1,0]]}""";
        var doc = TrainingSetReader.Parse(line, "x.jsonl:1");
        Assert.Equal(["breast", "cancer", "now"], doc.Tokens.Select(t => t.Text));
        Assert.Equal(["disease", "disease", "O"], doc.Tags);
        Assert.Equal(["O", "disease"], doc.ProbabilityLabels!);
        Assert.Equal(0.9f, doc.Probabilities![1][1]);
    }

    [Fact]
    public void A_gold_document_with_spans_only_is_tokenized_and_tagged()
    {
        var doc = TrainingSetReader.Parse("""{"id":"d2","text":"Aspirin 10mg daily","spans":[{"start":0,"end":7,"type":"medication","text":"Aspirin"}]}""", "x.jsonl:2");
        Assert.Equal(["Aspirin", "10", "mg", "daily"], doc.Tokens.Select(t => t.Text));
        Assert.Equal(["medication", "O", "O", "O"], doc.Tags);
        Assert.Null(doc.Probabilities);
    }

    [Theory]
    [InlineData("""{"id":"d","text":"a b","tokens":[[0,1],[2,3]],"tags":["O"]}""", "2 tokens but 1 tags")]
    [InlineData("""{"id":"d","text":"a b","tokens":[[0,1],[2,9]],"tags":["O","O"]}""", "field 'tokens' item 1")]
    [InlineData("""{"id":"d","text":"a","tokens":[[0,1]],"tags":["O"],"labels":["O","x"],"probabilities":[[0.5,0.6]]}""", "not a probability vector")]
    [InlineData("""{"text":"a"}""", "field 'id'")]
    [InlineData("""not json""", "not a JSON object")]
    // Kinds the contract refuses, each named by field (the cases issue 15's fuzzing found on the hand-written reader).
    [InlineData("""[1,2]""", "expected a JSON object")]
    [InlineData("""null""", "expected a JSON object")]
    [InlineData("""{"id":"d","text":"a","spans":null}""", "field 'spans' is null")]
    [InlineData("""{"id":"d","text":"a","spans":{}}""", "field 'spans' is a JSON object, expected an array")]
    [InlineData("""{"id":"d","text":"a","spans":[5]}""", "'spans' item 0 is a JSON number")]
    [InlineData("""{"id":"d","text":"a","spans":[{"start":"0","end":1,"type":"x"}]}""", "field 'start' is missing or not an integer")]
    [InlineData("""{"id":"d","text":"a","spans":[{"end":1,"type":"x"}]}""", "field 'start' is missing or not an integer ('spans' item 0)")]
    [InlineData("""{"id":"d","text":"a","spans":[{"start":0,"end":1.5,"type":"x"}]}""", "field 'end' is missing or not an integer")]
    [InlineData("""{"id":7,"text":"a"}""", "field 'id' is missing or not a string")]
    [InlineData("""{"id":"d","text":"a b","tokens":[[0,1],["2",3]],"tags":["O","O"]}""", "field 'tokens' item 1 is not [start, end]")]
    [InlineData("""{"id":"d","text":"a b","tokens":[[0,1],[2]],"tags":["O","O"]}""", "field 'tokens' item 1 is not [start, end]")]
    [InlineData("""{"id":"d","text":"a","tokens":[[0,1]],"tags":[7]}""", "field 'tags' must be an array of strings")]
    [InlineData("""{"id":"d","text":"a","tokens":[[0,1]],"tags":[null]}""", "field 'tags' must be an array of strings")]
    [InlineData("""{"id":"d","text":"a","tokens":[[0,1]],"tags":"O"}""", "field 'tags' is a JSON string, expected an array")]
    [InlineData("""{"id":"d","text":"a","tokens":[[0,1]],"tags":["O"],"labels":["O"],"probabilities":[["1"]]}""", "row 0 is not an array of numbers")]
    [InlineData("""{"id":"d","text":"a","tokens":[[0,1]],"tags":["O"],"probabilities":[[1]]}""", "'probabilities' without 'labels'")]
    [InlineData("""{"id":"d","text":"a","probabilities":[[1]]}""", "need the 'tokens'")]
    public void Bad_lines_name_the_line_and_the_field(string line, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => TrainingSetReader.Parse(line, "train.jsonl:7"));
        Assert.StartsWith("train.jsonl:7", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public async Task What_the_distillation_writer_writes_the_reader_reads_back_equal()
    {
        // Two types, soft labels with more than 5 decimals (the writer rounds), non-ASCII and quotes in the text.
        const string text = "Sjögren \"syndrome\" on aspirin";
        var tokens = ClinicalWordTokenizer.Instance.Tokenize(text);
        var tags = tokens.Select((t, i) => i < 2 ? EntityTypes.Disease : t.Text == "aspirin" ? EntityTypes.Medication : "O").ToArray();
        var probabilities = tags.Select((tag, i) => tag == EntityTypes.Disease ? new[] { 0.1234567 / (i + 1), 1 - 0.1234567 / (i + 1), 0 }
            : tag == EntityTypes.Medication ? [0.0000049, 0, 0.9999951] : [1.0, 0, 0]).ToArray();
        var example = new DistillationExample("n1", text, IoTagging.Decode(text, tokens, tags), tokens, tags, ["O", EntityTypes.Disease, EntityTypes.Medication], probabilities);
        var provenance = new DistillationProvenance(DateTimeOffset.UnixEpoch, nameof(ClinicalWordTokenizer), ["A", "B"],
            [new DistillationChoiceProvenance(EntityTypes.Disease, "A + B", "union", 0.5, 0.25, 1 / 3.0, 0.001, "highest dev F1", [0, 1, 1, 1])],
            1, tokens.Count, new Dictionary<string, int> { [EntityTypes.Disease] = 1 }, ["k1"]);
        var dir = Directory.CreateTempSubdirectory("trainingset-roundtrip-").FullName;
        try
        {
            var path = Path.Combine(dir, "train.jsonl");
            await DistillationSetWriter.WriteAsync(path, [example], provenance);

            var read = Assert.Single(await TrainingSetReader.ReadAllAsync(path));
            Assert.Equal(example.Id, read.Id);
            Assert.Equal(example.Text, read.Text);
            Assert.Equal(example.Tokens, read.Tokens);
            Assert.Equal(example.Tags, read.Tags);
            Assert.Equal(example.Labels, read.ProbabilityLabels!);
            var written = DistillationLine.From(example).Probabilities!;
            Assert.Equal(written.Select(row => row.Select(p => (float)p)), read.Probabilities!.Select(row => row.AsEnumerable()));
            Assert.Equal(0.12346f, read.Probabilities![0][0]);

            // The line itself survives the contract unchanged, and the provenance file reads back equal field by field.
            var line = TrainingSetReader.Deserialize(File.ReadAllLines(path).Single(), "train.jsonl:1");
            Assert.Equal(DistillationLine.From(example), line);
            var back = DistillationSetWriter.ReadProvenance(path)!;
            Assert.Equal(provenance.Teachers, back.Teachers);
            Assert.Equal(provenance.Choices.Single() with { PatternProbabilities = null }, back.Choices.Single() with { PatternProbabilities = null });
            Assert.Equal(provenance.Choices.Single().PatternProbabilities, back.Choices.Single().PatternProbabilities);
            Assert.Equal(provenance.MentionsPerType, back.MentionsPerType);
            Assert.Equal((provenance.Created, provenance.Documents, provenance.Tokens), (back.Created, back.Documents, back.Tokens));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_line_keeps_the_field_names_existing_run_folders_use()
    {
        const string text = "fever now";
        var tokens = ClinicalWordTokenizer.Instance.Tokenize(text);
        var example = new DistillationExample("d", text, [new EntitySpan(0, 5, EntityTypes.Disease, "fever")], tokens, [EntityTypes.Disease, "O"],
            ["O", EntityTypes.Disease], [[0.25, 0.75], [1, 0]]);
        Assert.Equal("""{"id":"d","text":"fever now","spans":[{"start":0,"end":5,"type":"disease","text":"fever"}],"tokens":[[0,5],[6,9]],"tags":["disease","O"],"labels":["O","disease"],"probabilities":[[0.25,0.75],[1,0]]}""",
            DistillationSetWriter.Serialize(example));
    }

    [Fact]
    public async Task A_file_names_its_line_and_bytes_that_are_not_utf8_are_an_error()
    {
        var dir = Directory.CreateTempSubdirectory("trainingset-").FullName;
        try
        {
            var path = Path.Combine(dir, "train.jsonl");
            await File.WriteAllTextAsync(path, "{\"id\":\"a\",\"text\":\"x\"}\n\n[1,2]\n");
            var e = await Assert.ThrowsAsync<InvalidDataException>(() => TrainingSetReader.ReadAllAsync(path));
            Assert.StartsWith($"{path}:3: expected a JSON object", e.Message);

            await File.WriteAllBytesAsync(path, [.. "{\"id\":\"a\",\"text\":\"Sj"u8, 0xF6, .. "gren\"}\n"u8]);
            var bad = await Assert.ThrowsAsync<CorpusFormatException>(() => TrainingSetReader.ReadAllAsync(path));
            Assert.StartsWith($"{path}:1: invalid UTF-8 byte 0xF6", bad.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

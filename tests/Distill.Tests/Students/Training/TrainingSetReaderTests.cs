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
    [InlineData("""{"id":"","text":"a","spans":[]}""", "field 'id' is empty")] // fuzzer: ArgumentException from Document
    [InlineData("""not json""", "not a JSON object")]
    // Issue 15: these reached TryGetProperty / EnumerateArray / GetString on the wrong kind of value (InvalidOperationException).
    [InlineData("""[1,2]""", "expected a JSON object")]
    [InlineData("""{"id":"d","text":"a","spans":null}""", "field 'spans' is null")]
    [InlineData("""{"id":"d","text":"a","spans":{}}""", "field 'spans' is a JSON object, expected an array")]
    [InlineData("""{"id":"d","text":"a","spans":[5]}""", "'spans' item 0 is a JSON number")]
    [InlineData("""{"id":"d","text":"a","spans":[{"start":"0","end":1,"type":"x"}]}""", "field 'start' is missing or not an integer")]
    [InlineData("""{"id":"d","text":"a b","tokens":[[0,1],["2",3]],"tags":["O","O"]}""", "field 'tokens' item 1 is not [start, end]")]
    [InlineData("""{"id":"d","text":"a","tokens":[[0,1]],"tags":[7]}""", "field 'tags' must be an array of strings")]
    [InlineData("""{"id":"d","text":"a","tokens":[[0,1]],"tags":"O"}""", "field 'tags' is a JSON string, expected an array")]
    [InlineData("""{"id":"d","text":"a","tokens":[[0,1]],"tags":["O"],"labels":["O"],"probabilities":[["1"]]}""", "row 0 is not an array of numbers")]
    public void Bad_lines_name_the_line_and_the_field(string line, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => TrainingSetReader.Parse(line, "train.jsonl:7"));
        Assert.StartsWith("train.jsonl:7", e.Message);
        Assert.Contains(expected, e.Message);
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

            // Issue 15: a Latin-1 byte was read as U+FFFD; the training set is decoded as strictly as corpora.
            await File.WriteAllBytesAsync(path, [.. "{\"id\":\"a\",\"text\":\"Sj"u8, 0xF6, .. "gren\"}\n"u8]);
            var bad = await Assert.ThrowsAsync<Distill.Corpora.CorpusFormatException>(() => TrainingSetReader.ReadAllAsync(path));
            Assert.StartsWith($"{path}:1: invalid UTF-8 byte 0xF6", bad.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

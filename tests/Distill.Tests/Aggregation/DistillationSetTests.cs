using System.Text.Json;
using Distill.Aggregation;
using Distill.Corpora;
using static Distill.Tests.Aggregation.AggregationTestData;

namespace Distill.Tests.Aggregation;

public sealed class DistillationSetTests
{
    static SubsetChoice Choice(string type, uint mask, ILabelCombiner rule, double[] probabilities)
    {
        var score = new SubsetScore(type, rule, new TeacherSubset(mask), "x", 1, 0, 0, 0, 0);
        return new SubsetChoice(type, score, score, [], probabilities);
    }

    [Fact]
    public void Union_of_two_teachers_labels_the_pool_and_soft_labels_sum_to_one()
    {
        var doc = new Document("p1", "aspirin for fever and cough");
        var a = Labels((doc, ["fever"]));
        var b = new Dictionary<string, IReadOnlyList<EntitySpan>> { ["p1"] = [Span(doc.Text, "cough"), Span(doc.Text, "aspirin", EntityTypes.Medication)] };
        var choices = new[]
        {
            Choice(EntityTypes.Disease, 0b11, LabelCombiners.Union, LabelCombiners.Union.Fit(2, new long[4], new long[4])),
            Choice(EntityTypes.Medication, 0b10, LabelCombiners.Union, LabelCombiners.Union.Fit(1, new long[2], new long[2])),
        };
        var example = Assert.Single(DistillationSetBuilder.Build([doc], ["A", "B"], [a, b], choices));
        Assert.Equal(["medication", "O", "disease", "O", "disease"], example.Tags);
        Assert.Equal(["O", "disease", "medication"], example.Labels);
        Assert.Equal(["aspirin", "fever", "cough"], example.Spans.Select(s => s.Text));
        Assert.All(example.Probabilities, row => Assert.Equal(1.0, row.Sum(), 9));
        Assert.Equal(1.0, example.Probabilities[0][2], 9);
    }

    [Fact]
    public void Label_model_is_refitted_on_the_pool_and_gives_graded_probabilities()
    {
        var docs = Enumerable.Range(0, 50).Select(i => new Document($"p{i}", "patient has fever and mild cough today")).ToList();
        var strong = docs.ToDictionary(d => d.Id, d => (IReadOnlyList<EntitySpan>)[Span(d.Text, "fever"), Span(d.Text, "cough")]);
        var weak = docs.ToDictionary(d => d.Id, d => (IReadOnlyList<EntitySpan>)[Span(d.Text, "fever"), Span(d.Text, "today")]);
        var choice = Choice(EntityTypes.Disease, 0b11, LabelCombiners.LabelModel, new double[4]);
        var examples = DistillationSetBuilder.Build(docs, ["strong", "weak"], [strong, weak], [choice]);
        var first = examples[0];
        var fever = first.Tokens.ToList().FindIndex(t => t.Text == "fever");
        var patient = first.Tokens.ToList().FindIndex(t => t.Text == "patient");
        Assert.Equal("disease", first.Tags[fever]);
        Assert.True(first.Probabilities[fever][1] > first.Probabilities[patient][1]);
        Assert.All(first.Probabilities, row => Assert.Equal(1.0, row.Sum(), 9));
    }

    [Fact]
    public async Task Writer_writes_jsonl_the_student_can_read_and_a_provenance_file()
    {
        var doc = new Document("p1", "fever and cough");
        var choice = Choice(EntityTypes.Disease, 0b1, LabelCombiners.Union, LabelCombiners.Union.Fit(1, new long[2], new long[2]));
        var examples = DistillationSetBuilder.Build([doc], ["A"], [Labels((doc, ["cough"]))], [choice]);
        var dir = Directory.CreateTempSubdirectory("distill-set-");
        var path = Path.Combine(dir.FullName, "train.jsonl");
        var provenance = new DistillationProvenance(DateTimeOffset.UnixEpoch, "clinical-word", ["A"], [], 1, 3, new Dictionary<string, int> { ["disease"] = 1 }, []);
        await DistillationSetWriter.WriteAsync(path, examples, provenance);

        var line = Assert.Single(File.ReadAllLines(path));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("p1", root.GetProperty("id").GetString());
        Assert.Equal(3, root.GetProperty("tokens").GetArrayLength());
        Assert.Equal(["O", "O", "disease"], root.GetProperty("tags").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(10, root.GetProperty("spans")[0].GetProperty("start").GetInt32());
        Assert.True(File.Exists(DistillationSetWriter.ProvenancePath(path)));
        // The student's reader reads what was written: the same tokens, tags and soft labels.
        var read = Assert.Single(await Distill.Students.Training.TrainingSetReader.ReadAllAsync(path));
        Assert.Equal(examples[0].Tokens, read.Tokens);
        Assert.Equal(examples[0].Tags, read.Tags);
        Assert.Equal(examples[0].Probabilities.Select(row => row.Select(p => (float)Math.Round(p, 5))), read.Probabilities!.Select(row => row.AsEnumerable()));
        Assert.Equal("clinical-word", DistillationSetWriter.ReadProvenance(path)!.Tokenizer);
        Assert.False(File.Exists(path + ".tmp"));
        dir.Delete(recursive: true);
    }
}

using Distill.Students.Training;

namespace Distill.Tests.Students.Training;

public sealed class TrainingRunKeyTests
{
    static readonly TrainingOptions Options = new() { Epochs = 3 };

    [Fact]
    public void Same_documents_model_and_options_give_the_same_key_and_any_change_is_named()
    {
        var train = SyntheticNotes.Make(6, seed: 1);
        var dev = SyntheticNotes.Make(2, seed: 2);
        var key = TrainingRunKey.Of(train, dev, "/models/minilm", Options);
        Assert.Equal(key, TrainingRunKey.Of(SyntheticNotes.Make(6, seed: 1), SyntheticNotes.Make(2, seed: 2), "/models/minilm", Options));
        Assert.Null(key.DifferenceFrom(key));
        // Resume is how to treat a checkpoint, not part of the run.
        Assert.Equal(key, TrainingRunKey.Of(train, dev, "/models/minilm", Options with { Resume = ResumeMode.Always }));

        var oneTagChanged = train.Select((d, i) => i == 0 ? new TrainingDocument(d.Id, d.Text, d.Tokens, ["x", .. d.Tags.Skip(1)]) : d).ToList();
        Assert.Equal("other training or dev data", key.DifferenceFrom(TrainingRunKey.Of(oneTagChanged, dev, "/models/minilm", Options)));
        Assert.Equal("other training or dev data", key.DifferenceFrom(TrainingRunKey.Of(train, [], "/models/minilm", Options)));
        Assert.Equal("starting model /models/minilm -> scratch", key.DifferenceFrom(TrainingRunKey.Of(train, dev, TrainingRunKey.Scratch, Options)));
        Assert.Equal("options Epochs 3 -> 5", key.DifferenceFrom(TrainingRunKey.Of(train, dev, "/models/minilm", Options with { Epochs = 5 })));
        Assert.Equal(key, TrainingRunKey.FromJson(key.ToJson()));
        Assert.Null(TrainingRunKey.FromJson(null));
    }
}

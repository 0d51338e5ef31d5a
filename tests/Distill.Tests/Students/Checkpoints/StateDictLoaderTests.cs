using Distill.Students.Checkpoints;
using Distill.Students.Modeling;
using static TorchSharp.torch;

namespace Distill.Tests.Students.Checkpoints;

public sealed class StateDictLoaderTests
{
    [Fact]
    public void A_base_encoder_checkpoint_gets_a_fresh_head_and_says_so()
    {
        using var model = new BertForTokenClassification(TinyBert.Config());
        using var checkpoint = SafetensorsFile.Read(TinyBert.File("base_model.safetensors"));
        var report = StateDictLoader.Load(model, checkpoint);
        Assert.True(report.FreshClassifierHead);
        Assert.Contains("no classifier", report.FreshHeadReason);
        Assert.Equal(["pooler.dense.bias", "pooler.dense.weight"], report.UnusedTensors.Order());
        Assert.Equal(model.state_dict().Count - 2, report.LoadedTensors);
        // The encoder weights arrived under their prefixed names.
        Assert.True(model.state_dict()["bert.embeddings.word_embeddings.weight"].allclose(checkpoint.Tensors["embeddings.word_embeddings.weight"], rtol: 0, atol: 0));
    }

    [Fact]
    public void Different_labels_keep_the_encoder_but_not_the_head()
    {
        using var model = new BertForTokenClassification(TinyBert.Config().WithLabels(["O", "symptom"]));
        using var checkpoint = SafetensorsFile.Read(TinyBert.File("model.safetensors"));
        var report = StateDictLoader.Load(model, checkpoint);
        Assert.True(report.FreshClassifierHead);
        Assert.Contains("shape [3, 32]", report.FreshHeadReason);
        Assert.Contains("classifier.weight", report.UnusedTensors);
    }

    [Fact]
    public void A_wrong_encoder_shape_is_an_error_naming_key_and_shapes()
    {
        using var model = new BertForTokenClassification(TinyBert.Config() with { IntermediateSize = 48 });
        using var checkpoint = SafetensorsFile.Read(TinyBert.File("model.safetensors"));
        var e = Assert.Throws<InvalidDataException>(() => StateDictLoader.Load(model, checkpoint));
        Assert.Contains("'bert.encoder.layer.0.intermediate.dense.weight' has shape [64, 32], the model needs [48, 32]", e.Message);
    }

    [Fact]
    public void A_missing_layer_is_an_error()
    {
        using var model = new BertForTokenClassification(TinyBert.Config() with { NumHiddenLayers = 3 });
        using var checkpoint = SafetensorsFile.Read(TinyBert.File("model.safetensors"));
        var e = Assert.Throws<InvalidDataException>(() => StateDictLoader.Load(model, checkpoint));
        Assert.Contains("missing 'bert.encoder.layer.2.attention.self.query.weight'", e.Message);
    }

    [Theory]
    [InlineData("bert.encoder.layer.0.attention.output.LayerNorm.gamma", "bert.encoder.layer.0.attention.output.LayerNorm.weight")]
    [InlineData("embeddings.LayerNorm.beta", "bert.embeddings.LayerNorm.bias")]
    [InlineData("classifier.weight", "classifier.weight")]
    public void Old_and_unprefixed_names_are_normalised(string stored, string expected) =>
        Assert.Equal(expected, StateDictLoader.Normalize(stored));
}

using Distill.Students.Checkpoints;
using Xunit.Abstractions;
using Distill.Students.Modeling;
using static TorchSharp.torch;

namespace Distill.Tests.Students.Modeling;

public sealed class BertForTokenClassificationTests(ITestOutputHelper output)
{
    static BertConfig Tiny(int layers = 2) => new BertConfig
    {
        VocabSize = 50, HiddenSize = 16, NumHiddenLayers = layers, NumAttentionHeads = 2, IntermediateSize = 32, MaxPositionEmbeddings = 20,
    }.WithLabels(["O", "disease"]);

    [Fact]
    public void Parameter_names_are_the_Hugging_Face_checkpoint_keys()
    {
        using var model = new BertForTokenClassification(Tiny(layers: 1));
        var names = model.state_dict().Keys.ToHashSet();
        string[] expected =
        [
            "bert.embeddings.word_embeddings.weight", "bert.embeddings.position_embeddings.weight", "bert.embeddings.token_type_embeddings.weight",
            "bert.embeddings.LayerNorm.weight", "bert.embeddings.LayerNorm.bias",
            "bert.encoder.layer.0.attention.self.query.weight", "bert.encoder.layer.0.attention.self.query.bias",
            "bert.encoder.layer.0.attention.self.key.weight", "bert.encoder.layer.0.attention.self.key.bias",
            "bert.encoder.layer.0.attention.self.value.weight", "bert.encoder.layer.0.attention.self.value.bias",
            "bert.encoder.layer.0.attention.output.dense.weight", "bert.encoder.layer.0.attention.output.dense.bias",
            "bert.encoder.layer.0.attention.output.LayerNorm.weight", "bert.encoder.layer.0.attention.output.LayerNorm.bias",
            "bert.encoder.layer.0.intermediate.dense.weight", "bert.encoder.layer.0.intermediate.dense.bias",
            "bert.encoder.layer.0.output.dense.weight", "bert.encoder.layer.0.output.dense.bias",
            "bert.encoder.layer.0.output.LayerNorm.weight", "bert.encoder.layer.0.output.LayerNorm.bias",
            "classifier.weight", "classifier.bias",
        ];
        Assert.Equal(expected.Order(), names.Order());
        Assert.Equal([2, 16], model.state_dict()["classifier.weight"].shape);
    }

    [Fact]
    public void Logits_match_PyTorch_for_the_safetensors_checkpoint()
    {
        using var model = new BertForTokenClassification(TinyBert.Config());
        using (var checkpoint = SafetensorsFile.Read(TinyBert.File("model.safetensors")))
            StateDictLoader.Load(model, checkpoint);
        var diff = TinyBert.MaxAbsDiff(model);
        output.WriteLine($"safetensors parity: max |ours - PyTorch| = {diff:E2}");
        Assert.True(diff < 1e-4, $"max |ours - PyTorch| = {diff:E2}");
    }

    [Fact]
    public void Logits_match_PyTorch_for_the_pytorch_model_bin_checkpoint()
    {
        using var model = new BertForTokenClassification(TinyBert.Config());
        using (var checkpoint = PytorchCheckpointFile.Read(TinyBert.File("pytorch_model.bin")))
            StateDictLoader.Load(model, checkpoint);
        var diff = TinyBert.MaxAbsDiff(model);
        output.WriteLine($"pytorch_model.bin parity: max |ours - PyTorch| = {diff:E2}");
        Assert.True(diff < 1e-4, $"max |ours - PyTorch| = {diff:E2}");
    }

    [Fact]
    public void Padding_does_not_change_the_logits_of_real_tokens()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        manual_seed(3);
        using var model = new BertForTokenClassification(Tiny());
        model.eval();
        var ids = tensor(new long[] { 2, 7, 8, 9, 3 }).unsqueeze(0);
        var padded = tensor(new long[] { 2, 7, 8, 9, 3, 0, 0 }).unsqueeze(0);
        var mask = tensor(new long[] { 1, 1, 1, 1, 1, 0, 0 }).unsqueeze(0);
        var alone = model.forward(ids, null, null);
        var withPadding = model.forward(padded, mask, null).narrow(1, 0, 5);
        Assert.True(allclose(alone, withPadding, rtol: 1e-5, atol: 1e-5));
        // Without the mask the padding is attended to and the logits move: the mask is doing work.
        var unmasked = model.forward(padded, null, null).narrow(1, 0, 5);
        Assert.False(allclose(alone, unmasked, rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void Dropout_is_active_only_in_training_mode()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var model = new BertForTokenClassification(Tiny());
        var ids = tensor(new long[] { 2, 7, 8, 9, 3 }).unsqueeze(0);
        model.train();
        Assert.False(allclose(model.forward(ids, null, null), model.forward(ids, null, null)));
        model.eval();
        Assert.True(allclose(model.forward(ids, null, null), model.forward(ids, null, null)));
    }

    [Fact]
    public void A_config_that_cannot_build_a_model_is_refused_by_name()
    {
        var bad = Tiny() with { HiddenSize = 15 };
        var e = Assert.Throws<InvalidDataException>(() => new BertForTokenClassification(bad));
        Assert.Contains("hidden_size (15)", e.Message);
    }
}

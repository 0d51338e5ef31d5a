using System.Text;
using Distill.Students.Checkpoints;
using Distill.Students.Modeling;
using static TorchSharp.torch;

namespace Distill.Tests.Students.Checkpoints;

public sealed class SafetensorsFileTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("distill-safetensors-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Written_tensors_read_back_with_names_shapes_and_values()
    {
        using var scope = NewDisposeScope();
        var a = arange(6, dtype: ScalarType.Float32).view(2, 3);
        var b = tensor(new[] { -1.5f, 2.25f });
        var path = Path.Combine(dir, "x.safetensors");
        SafetensorsFile.Write(path, [("a", a), ("b.weight", b)]);
        var (entries, metadata, dataStart) = SafetensorsFile.ReadHeader(path);
        Assert.Equal("pt", metadata["format"]);
        Assert.Equal(0, dataStart % 8);
        Assert.Equal(["a", "b.weight"], entries.Select(e => e.Name));
        using var read = SafetensorsFile.Read(path);
        Assert.True(read.Tensors["a"].allclose(a, rtol: 0, atol: 0));
        Assert.True(read.Tensors["b.weight"].allclose(b, rtol: 0, atol: 0));
        Assert.Equal("F32", read.StoredDTypes["a"]);
    }

    [Fact]
    public void Float16_weights_load_and_give_logits_close_to_PyTorch()
    {
        using var model = new BertForTokenClassification(TinyBert.Config());
        using (var checkpoint = SafetensorsFile.Read(TinyBert.File("model_f16.safetensors")))
        {
            Assert.Equal("F16", checkpoint.StoredDTypes["classifier.weight"]);
            Assert.Equal(ScalarType.Float32, checkpoint.Tensors["classifier.weight"].dtype);
            StateDictLoader.Load(model, checkpoint);
        }
        // float16 keeps ~3 decimal digits, so the logits agree to about 1e-2, not 1e-4.
        var diff = TinyBert.MaxAbsDiff(model);
        Assert.InRange(diff, 1e-7, 5e-2);
    }

    [Fact]
    public void A_header_length_beyond_the_file_is_a_clear_error()
    {
        var path = Path.Combine(dir, "bad.safetensors");
        File.WriteAllBytes(path, [.. BitConverter.GetBytes(1_000_000L), .. "{}"u8.ToArray()]);
        var e = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Read(path));
        Assert.Contains("header length 1000000", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void A_byte_range_that_disagrees_with_the_shape_names_the_tensor()
    {
        var path = Path.Combine(dir, "short.safetensors");
        var header = Encoding.UTF8.GetBytes("""{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,12]}}""");
        File.WriteAllBytes(path, [.. BitConverter.GetBytes((long)header.Length), .. header, .. new byte[12]]);
        var e = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Read(path));
        Assert.Contains("tensor 'w'", e.Message);
        Assert.Contains("need 16", e.Message);
    }

    [Fact]
    public void An_unknown_dtype_is_refused()
    {
        var path = Path.Combine(dir, "dtype.safetensors");
        var header = Encoding.UTF8.GetBytes("""{"w":{"dtype":"F8_E4M3","shape":[1],"data_offsets":[0,1]}}""");
        File.WriteAllBytes(path, [.. BitConverter.GetBytes((long)header.Length), .. header, 0]);
        var e = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Read(path));
        Assert.Contains("unknown dtype 'F8_E4M3'", e.Message);
    }

    [Theory]
    [InlineData("""{"w": {"dtype": 5, "shape": [1], "data_offsets": [0, 4]}}""", "'w': 'dtype' must be a string such as \"F32\", got number 5")]
    [InlineData("""{"w": {"dtype": "F32", "shape": [1.5], "data_offsets": [0, 4]}}""", "'w': 'shape' entry 0 must be a whole number >= 0, got number 1.5")]
    [InlineData("""{"w": {"dtype": "F32", "shape": ["1"], "data_offsets": [0, 4]}}""", "'shape' entry 0 must be a whole number >= 0, got string")]
    [InlineData("""{"w": {"dtype": "F32", "shape": 4, "data_offsets": [0, 4]}}""", "'shape' must be an array of whole numbers, got number 4")]
    [InlineData("""{"w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4.0e0]}}""", "'data_offsets' must be [begin, end] in whole bytes")]
    [InlineData("""{"w": {"dtype": "F32", "shape": [1], "data_offsets": [null, 4]}}""", "'data_offsets' must be [begin, end]")]
    [InlineData("""{"w": {"dtype": "F32", "shape": [4294967296, 4294967296], "data_offsets": [0, 4]}}""", "need more than 2^63 bytes")]
    [InlineData("""{"__metadata__": {"format": 1}, "w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}""", "metadata 'format' must be a string, got number 1")]
    [InlineData("""{"__metadata__": [], "w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}""", "'__metadata__' must be an object of strings")]
    [InlineData("""{"w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}, "w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}""", "the JSON header does not parse")]
    public void A_header_field_of_the_wrong_type_names_the_file_tensor_and_field(string header, string expected)
    {
        var path = Path.Combine(dir, "typed.safetensors");
        var bytes = Encoding.UTF8.GetBytes(header);
        File.WriteAllBytes(path, [.. BitConverter.GetBytes((long)bytes.Length), .. bytes, .. new byte[4]]);

        var e = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Read(path));

        Assert.StartsWith(path, e.Message);
        Assert.Contains(expected, e.Message);
    }
}

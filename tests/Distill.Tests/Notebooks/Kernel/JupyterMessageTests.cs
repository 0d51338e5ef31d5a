using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Distill.Notebooks.Kernel;

namespace Distill.Tests.Notebooks.Kernel;

public sealed class JupyterMessageTests
{
    static readonly byte[] Key = Encoding.UTF8.GetBytes("a0436f6c-1916-498b-8eb9-e81ab9368e84");

    [Fact]
    public void Frames_carry_identities_delimiter_and_an_hmac_of_the_four_parts()
    {
        var request = JupyterMessage.Create("execute_request", new JsonObject { ["code"] = "1+1" }, null, [[1, 2, 3]]);

        var frames = request.ToFrames(Key);

        Assert.Equal([1, 2, 3], frames[0]);
        Assert.Equal("<IDS|MSG>", Encoding.ASCII.GetString(frames[1]));
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Key, frames.Skip(3).Take(4).SelectMany(f => f).ToArray()));
        Assert.Equal(expected, Encoding.ASCII.GetString(frames[2]));
        var parsed = JupyterMessage.Parse(frames, Key);
        Assert.Equal("execute_request", parsed.Type);
        Assert.Equal("1+1", parsed.Content["code"]!.GetValue<string>());
        Assert.Equal("5.3", parsed.Header["version"]!.GetValue<string>());
    }

    [Fact]
    public void A_tampered_or_wrongly_keyed_message_is_rejected()
    {
        var frames = JupyterMessage.Create("execute_request", new JsonObject { ["code"] = "1" }, null).ToFrames(Key);
        var tampered = frames.ToList();
        tampered[^1] = Encoding.UTF8.GetBytes("""{"code":"System.IO.File.Delete(\"x\")"}""");

        Assert.Throws<InvalidSignatureException>(() => JupyterMessage.Parse(tampered, Key));
        Assert.Throws<InvalidSignatureException>(() => JupyterMessage.Parse(frames, Encoding.UTF8.GetBytes("other-key")));
    }

    [Fact]
    public void A_reply_keeps_the_session_and_routes_to_the_requester()
    {
        var request = JupyterMessage.Parse(JupyterMessage.Create("kernel_info_request", new JsonObject(), null, [[9]]).ToFrames(Key), Key);

        var reply = JupyterMessage.Create("kernel_info_reply", new JsonObject(), request);

        Assert.Equal([9], Assert.Single(reply.Identities));
        Assert.Equal(request.Header["msg_id"]!.GetValue<string>(), reply.ParentHeader["msg_id"]!.GetValue<string>());
        Assert.Equal(request.Header["session"]!.GetValue<string>(), reply.Header["session"]!.GetValue<string>());
    }

    [Fact]
    public void Frames_without_a_delimiter_are_not_a_message()
    {
        var e = Assert.Throws<InvalidDataException>(() => JupyterMessage.Parse([[1], [2]], Key));
        Assert.Contains("<IDS|MSG>", e.Message);
    }

    [Theory]
    [InlineData("""{"msg_id":"1","session":"s","msg_type":5}""", "msg_type")]
    [InlineData("""{"msg_id":"1","session":"s"}""", "msg_type")]
    [InlineData("""{"msg_id":"1","session":7,"msg_type":"kernel_info_request"}""", "session")]
    [InlineData("""{"msg_id":[],"session":"s","msg_type":"kernel_info_request"}""", "msg_id")]
    public void A_header_field_of_the_wrong_type_is_not_a_message(string header, string field)
    {
        var parts = new[] { header, "{}", "{}", "{}" }.Select(Encoding.UTF8.GetBytes).ToList();
        List<byte[]> frames = ["<IDS|MSG>"u8.ToArray(), Encoding.ASCII.GetBytes(JupyterMessage.Sign(Key, parts)), .. parts];

        var e = Assert.Throws<InvalidDataException>(() => JupyterMessage.Parse(frames, Key));

        Assert.Contains($"'{field}'", e.Message);
    }
}

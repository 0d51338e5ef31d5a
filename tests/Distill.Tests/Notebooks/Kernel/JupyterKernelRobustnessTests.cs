using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Distill.Notebooks;
using Distill.Notebooks.Kernel;
using NetMQ;
using NetMQ.Sockets;

namespace Distill.Tests.Notebooks.Kernel;

/// <summary>
/// The kernel in this process, driven over ZeroMQ by a DEALER socket as a Jupyter client would. Issue 15: a
/// signed message with <c>"msg_type": 5</c> aborted the kernel process from its shell thread (an exception
/// thrown while logging the first one); before the fix this test took the test host down with it.
/// </summary>
public sealed class JupyterKernelRobustnessTests
{
    static readonly byte[] Key = Encoding.UTF8.GetBytes("4c1b5a3e-robustness-test-key");

    static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    static List<byte[]> Signed(JsonObject header, JsonObject content)
    {
        var parts = new[] { header, new JsonObject(), new JsonObject(), content }.Select(p => Encoding.UTF8.GetBytes(p.ToJsonString())).ToList();
        var frames = new List<byte[]> { "<IDS|MSG>"u8.ToArray(), Encoding.ASCII.GetBytes(JupyterMessage.Sign(Key, parts)) };
        frames.AddRange(parts);
        return frames;
    }

    static JsonObject Header(JsonNode? type) => new()
    {
        ["msg_id"] = Guid.NewGuid().ToString(), ["session"] = "client", ["username"] = "test",
        ["date"] = "2026-01-01T00:00:00Z", ["msg_type"] = type, ["version"] = "5.3",
    };

    [Fact]
    public async Task Badly_typed_messages_are_dropped_and_the_kernel_keeps_answering()
    {
        using var temp = new TempFolder();
        var connection = new KernelConnection("127.0.0.1", "tcp", FreePort(), FreePort(), FreePort(), FreePort(), FreePort(),
            Encoding.UTF8.GetString(Key), "hmac-sha256");
        var log = new StringWriter();
        var kernel = new JupyterKernel(connection, new NotebookSession(new NotebookSessionOptions(temp.Path, "kernel")), TextWriter.Synchronized(log));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var serving = Task.Run(() => kernel.RunAsync(stop.Token));
        try
        {
            using var shell = new DealerSocket();
            shell.Connect(connection.Address(connection.ShellPort));
            void Send(List<byte[]> frames)
            {
                var message = new NetMQMessage();
                foreach (var frame in frames) message.Append(frame);
                shell.SendMultipartMessage(message);
            }

            // Signed, so they pass the HMAC check: the kernel must still refuse them without dying.
            Send(Signed(Header(5), new JsonObject()));
            Send(Signed(Header(new JsonArray()), new JsonObject()));
            var badSession = Header("kernel_info_request");
            badSession["session"] = 42;
            Send(Signed(badSession, new JsonObject()));
            Send(Signed(Header("execute_request"), new JsonObject { ["code"] = 5 }));
            Send(Signed(Header("kernel_info_request"), new JsonObject()));

            NetMQMessage? reply = null;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            JupyterMessage? parsed = null;
            while (DateTime.UtcNow < deadline)
            {
                if (!shell.TryReceiveMultipartMessage(TimeSpan.FromMilliseconds(200), ref reply) || reply is null) continue;
                parsed = JupyterMessage.Parse(reply.Select(f => f.ToByteArray()).ToList(), Key);
                if (parsed.Type == "kernel_info_reply") break;
            }
            Assert.NotNull(parsed);
            Assert.Equal("kernel_info_reply", parsed!.Type);
            Assert.Equal(3, kernel.RejectedMessages);
            Assert.Contains("msg_type", log.ToString());
        }
        finally
        {
            stop.Cancel();
            await serving;
        }
    }
}

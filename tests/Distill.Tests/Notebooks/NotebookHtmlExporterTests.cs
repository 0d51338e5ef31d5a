using System.Text.Json.Nodes;
using Distill.Notebooks;

namespace Distill.Tests.Notebooks;

public sealed class NotebookHtmlExporterTests
{
    [Fact]
    public void Markdown_subset_renders_and_escapes()
    {
        var html = NotebookHtmlExporter.Markdown("# Title <x>\nSome **bold**, *it*, `code<>` and [a link](https://example.org).\n\n- one\n- two\n\n```\nvar a = 1 < 2;\n```");

        Assert.Contains("<h1>Title &lt;x&gt;</h1>", html);
        Assert.Contains("<strong>bold</strong>", html);
        Assert.Contains("<em>it</em>", html);
        Assert.Contains("<code>code&lt;&gt;</code>", html);
        Assert.Contains("<a href=\"https://example.org\">a link</a>", html);
        Assert.Contains("<ul>\n<li>one</li>\n<li>two</li>\n</ul>", html);
        Assert.Contains("<pre><code>var a = 1 &lt; 2;\n</code></pre>", html);
    }

    [Fact]
    public void Outputs_are_embedded_by_kind()
    {
        var notebook = new Notebook(4, 5, new JsonObject(),
        [
            NotebookCell.NewCode("x < y") with
            {
                ExecutionCount = 3,
                Outputs =
                [
                    new StreamOutput("stdout", "a < b\n"),
                    new DisplayDataOutput(new Dictionary<string, string> { ["text/html"] = "<table class=\"dataframe\"></table>", ["text/plain"] = "t" }),
                    new DisplayDataOutput(new Dictionary<string, string> { ["image/png"] = "AAAA", ["text/plain"] = "img" }),
                    new ErrorOutput("Boom", "bad <thing>", ["line 1: x"]),
                ],
            },
        ]);

        var html = NotebookHtmlExporter.Export(notebook, "T");

        Assert.Contains("In [3]:", html);
        Assert.Contains("<pre><code>x &lt; y</code></pre>", html);
        Assert.Contains("a &lt; b", html);
        Assert.Contains("<table class=\"dataframe\"></table>", html);
        Assert.Contains("<img src=\"data:image/png;base64,AAAA\">", html);
        Assert.Contains("Boom: bad &lt;thing&gt;", html);
    }
}

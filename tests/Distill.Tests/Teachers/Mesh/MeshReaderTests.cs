using Distill.Teachers.Mesh;

namespace Distill.Tests.Teachers.Mesh;

public class MeshReaderTests
{
    const string Header = "descriptor_ui\tpreferred_name\ttree_numbers\tcategory\tterms\n";

    [Fact]
    public void Reads_descriptors_with_their_tree_numbers_and_terms()
    {
        var rows = MeshReader.Read(new StringReader(Header +
            "D000006\tAbdomen, Acute\tC23.888.592.612.054.200;C23.888.821.030.249\tsign_or_symptom\tAbdomen, Acute|Abdomens, Acute|Acute Abdomen\n" +
            "\n" +
            "D000007\tAbdominal Injuries\tC26.017\tdisease\tAbdominal Injuries|Injury, Abdominal\n"), "mesh.tsv");
        Assert.Equal(2, rows.Count);
        Assert.Equal(("D000006", "Abdomen, Acute", "sign_or_symptom"), (rows[0].DescriptorUi, rows[0].PreferredName, rows[0].Category));
        Assert.Equal(["C23.888.592.612.054.200", "C23.888.821.030.249"], rows[0].TreeNumbers);
        Assert.Equal(["Abdomen, Acute", "Abdomens, Acute", "Acute Abdomen"], rows[0].Terms);
        Assert.Equal(["Abdominal Injuries", "Injury, Abdominal"], rows[1].Terms);
    }

    [Fact]
    public void The_shipped_file_has_every_descriptor_of_its_provenance()
    {
        var rows = MeshReader.Read(Distill.Corpora.RepositoryData.Path("mesh", "mesh-terms.tsv"));
        // data/mesh/PROVENANCE.md: 15,695 descriptors, 152,135 terms.
        Assert.Equal(15_695, rows.Count);
        Assert.Equal(152_135, rows.Sum(r => r.Terms.Count));
        Assert.Contains(rows, r => r.DescriptorUi == "D009369" && r.TreeNumbers.Contains("C04"));
    }

    [Theory]
    [InlineData("", "empty file")]
    [InlineData("ui\tname\n", "mesh.tsv:1: expected the header")]
    [InlineData(Header + "D1\tName\tC01\tdisease\n", "mesh.tsv:2: expected 5 tab-separated fields, found 4")]
    [InlineData(Header + "D1\tA\tC01\tdisease\tA\n\tB\tC01\tdisease\tB\n", "mesh.tsv:3: empty descriptor_ui")]
    public void Bad_files_name_the_file_and_line(string content, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => MeshReader.Read(new StringReader(content), "mesh.tsv"));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_line_without_end_fails_before_it_is_read_whole()
    {
        var reader = new EndlessLine();
        var error = Assert.Throws<InvalidDataException>(() => MeshReader.Read(reader, "hostile.tsv"));
        Assert.Contains("hostile.tsv:2: line longer than", error.Message);
        Assert.True(reader.Served < 4 << 20, $"read {reader.Served:N0} characters");
    }

    /// <summary>A header, then one line that never ends.</summary>
    sealed class EndlessLine : TextReader
    {
        readonly string header = Header;
        public long Served { get; private set; }
        public override int Peek() => Served < header.Length ? header[(int)Served] : 'x';

        public override int Read()
        {
            var c = Served < header.Length ? header[(int)Served] : 'x';
            Served++;
            return c;
        }
    }
}

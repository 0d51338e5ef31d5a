using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Distill.Notebooks;

/// <summary>A parameter value given on the command line that does not fit the notebook's declaration.</summary>
public sealed class NotebookParameterException(string message) : Exception(message);

/// <summary>
/// Papermill-style parameters: the cell tagged <c>parameters</c> holds defaults; values given by the user go
/// into a new cell tagged <c>injected-parameters</c> right after it, so the executed notebook records what ran.
/// Values are C# literals typed after the default's declaration (<c>int epochs = 3;</c> or <c>var quick = false;</c>):
/// the injected cell redeclares each variable, which Roslyn scripting allows in a later submission.
/// </summary>
public static class NotebookParameters
{
    public const string ParametersTag = "parameters";
    public const string InjectedTag = "injected-parameters";

    /// <summary>Index of the first cell tagged <c>parameters</c>, or -1.</summary>
    public static int FindParametersCell(Notebook notebook)
    {
        for (var i = 0; i < notebook.Cells.Count; i++)
            if (notebook.Cells[i].HasTag(ParametersTag))
                return i;
        return -1;
    }

    /// <summary>Declared parameters of the <c>parameters</c> cell: name -> C# type name ("var" resolved from the literal).</summary>
    public static IReadOnlyDictionary<string, string> Declarations(Notebook notebook)
    {
        var index = FindParametersCell(notebook);
        return index < 0 ? new Dictionary<string, string>() : Declarations(notebook.Cells[index].Source);
    }

    public static IReadOnlyDictionary<string, string> Declarations(string parametersSource)
    {
        var tree = CSharpSyntaxTree.ParseText(CellSource.StripMagics(parametersSource), CSharpParseOptions.Default.WithKind(SourceCodeKind.Script));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        // Top-level declarations only: in a script they parse as fields or as local declarations in global statements.
        foreach (var member in tree.GetCompilationUnitRoot().Members)
        {
            var declaration = member switch
            {
                FieldDeclarationSyntax f => f.Declaration,
                GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax l } => l.Declaration,
                _ => null,
            };
            if (declaration is null) continue;
            foreach (var variable in declaration.Variables)
                result[variable.Identifier.Text] = declaration.Type.IsVar
                    ? TypeOfLiteral(variable.Initializer?.Value)
                    : declaration.Type.ToString();
        }
        return result;
    }

    /// <summary>
    /// Returns the notebook with an <c>injected-parameters</c> cell after the parameters cell (or first, when
    /// there is none, as papermill does). An injected cell from an earlier run is replaced.
    /// </summary>
    public static Notebook Inject(Notebook notebook, IReadOnlyDictionary<string, string> values, string notebookName = "notebook")
    {
        if (values.Count == 0)
            return notebook;
        var declared = Declarations(notebook);
        var lines = new List<string> { "// Parameters injected by `distill notebook run`" };
        foreach (var (name, raw) in values)
        {
            if (!SyntaxFacts.IsValidIdentifier(name))
                throw new NotebookParameterException($"{notebookName}: parameter name '{name}' is not a C# identifier.");
            var type = declared.TryGetValue(name, out var t) && t != "var" ? t : null;
            lines.Add($"{type ?? "var"} {name} = {Literal(name, raw, type, notebookName)};");
        }
        var cells = notebook.Cells.Where(c => !c.HasTag(InjectedTag)).ToList();
        var at = cells.FindIndex(c => c.HasTag(ParametersTag)) + 1;
        cells.Insert(at, NotebookCell.NewCode(string.Join("\n", lines), InjectedTag));
        return notebook.WithCells(cells);
    }

    /// <summary>Parses "name=value" pairs as given to <c>-p</c>.</summary>
    public static IReadOnlyDictionary<string, string> ParseAssignments(IEnumerable<string> assignments)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assignment in assignments)
        {
            var eq = assignment.IndexOf('=');
            if (eq <= 0)
                throw new NotebookParameterException($"Parameter '{assignment}' is not of the form name=value.");
            values[assignment[..eq].Trim()] = assignment[(eq + 1)..];
        }
        return values;
    }

    static string Literal(string name, string raw, string? type, string notebookName)
    {
        string Fail(string expected) => throw new NotebookParameterException(
            $"{notebookName}: parameter '{name}' is declared as {expected} in the parameters cell, but the value '{raw}' is not one.");
        var inv = CultureInfo.InvariantCulture;
        switch (type)
        {
            case "bool" or "Boolean":
                return bool.TryParse(raw, out var b) ? (b ? "true" : "false") : Fail("bool");
            case "int" or "Int32":
                return int.TryParse(raw, NumberStyles.Integer, inv, out var i) ? i.ToString(inv) : Fail("int");
            case "long" or "Int64":
                return long.TryParse(raw, NumberStyles.Integer, inv, out var l) ? l.ToString(inv) + "L" : Fail("long");
            case "double" or "Double":
                return double.TryParse(raw, NumberStyles.Float, inv, out var d) ? d.ToString("R", inv) + "d" : Fail("double");
            case "float" or "Single":
                return float.TryParse(raw, NumberStyles.Float, inv, out var f) ? f.ToString("R", inv) + "f" : Fail("float");
            case "string" or "String" or "string?":
                return SymbolDisplay.FormatLiteral(raw, quote: true);
            case null:
                // Undeclared: guess the type from the text, as papermill does for untyped values.
                if (bool.TryParse(raw, out var gb)) return gb ? "true" : "false";
                if (int.TryParse(raw, NumberStyles.Integer, inv, out var gi)) return gi.ToString(inv);
                if (double.TryParse(raw, NumberStyles.Float, inv, out var gd)) return gd.ToString("R", inv) + "d";
                return SymbolDisplay.FormatLiteral(raw, quote: true);
            default:
                throw new NotebookParameterException(
                    $"{notebookName}: parameter '{name}' has type {type}; only bool, int, long, double, float and string parameters can be set from the command line.");
        }
    }

    static string TypeOfLiteral(ExpressionSyntax? value) => value switch
    {
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.TrueLiteralExpression or (int)SyntaxKind.FalseLiteralExpression } => "bool",
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } => "string",
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression } lit => lit.Token.Value switch
        {
            int => "int",
            long => "long",
            float => "float",
            double => "double",
            _ => "var",
        },
        PrefixUnaryExpressionSyntax { Operand: LiteralExpressionSyntax } neg => TypeOfLiteral(neg.Operand),
        _ => "var",
    };
}

using System.Globalization;
using System.Reflection;
using Microsoft.Data.Analysis;

namespace Distill.Reporting;

/// <summary>
/// Builds a <see cref="DataFrame"/> from records: one row per record, one column per public property in
/// declaration order, named by the property in snake_case. Strings become string columns, integers
/// Int64 columns, floating-point numbers Double columns, booleans Boolean columns (nullable ones keep
/// their nulls); anything else is written with <see cref="object.ToString"/>.
/// </summary>
public static class RecordTable
{
    public static DataFrame From<T>(IEnumerable<T> records)
    {
        var rows = records.ToList();
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .OrderBy(p => p.MetadataToken)
            .ToArray();
        if (properties.Length == 0)
            throw new ArgumentException($"{typeof(T).Name} has no public properties to make columns from.");
        return new DataFrame(properties.Select(p => Column(p, rows)));
    }

    /// <summary>Property name in snake_case: "F1Lower" → "f1_lower", "SecondsPerNote" → "seconds_per_note".</summary>
    public static string SnakeCase(string name) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    static DataFrameColumn Column<T>(PropertyInfo p, List<T> rows)
    {
        var name = SnakeCase(p.Name);
        var type = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
        var values = rows.Select(r => p.GetValue(r)).ToArray();
        if (type == typeof(string))
            return new StringDataFrameColumn(name, values.Select(v => (string?)v));
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
            return new DoubleDataFrameColumn(name, values.Select(v => v is null ? (double?)null : Convert.ToDouble(v, CultureInfo.InvariantCulture)));
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte))
            return new Int64DataFrameColumn(name, values.Select(v => v is null ? (long?)null : Convert.ToInt64(v, CultureInfo.InvariantCulture)));
        if (type == typeof(bool))
            return new BooleanDataFrameColumn(name, values.Select(v => (bool?)v));
        return new StringDataFrameColumn(name, values.Select(v => v is null ? null : Convert.ToString(v, CultureInfo.InvariantCulture)));
    }
}

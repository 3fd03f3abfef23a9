using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Npq.Data.Infrastructure;

/// <summary>Type handlers so that both providers read and write dates the same way.</summary>
public static class DapperSetup
{
    private static int _configured;

    public static void Configure()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1)
        {
            return;
        }

        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        SqlMapper.AddTypeHandler(new UtcDateTimeHandler());
    }

    /// <summary>A calendar date: no time, no zone, so it can never shift a day.</summary>
    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override DateOnly Parse(object value) => DbValues.Date(value);

        public override void SetValue(IDbDataParameter parameter, DateOnly value) => DbValues.SetDate(parameter, value);
    }

    /// <summary>Every instant is stored in UTC; reading marks it as such.</summary>
    private sealed class UtcDateTimeHandler : SqlMapper.TypeHandler<DateTime>
    {
        public override DateTime Parse(object value) => DbValues.Instant(value);

        public override void SetValue(IDbDataParameter parameter, DateTime value) => DbValues.SetInstant(parameter, value);
    }
}

/// <summary>How a value is stored, the same through Dapper's handlers and through <see cref="WriteCommands"/>.</summary>
public static class DbValues
{
    public static void Set(IDbDataParameter parameter, object? value)
    {
        switch (value)
        {
            case DateOnly date:
                SetDate(parameter, date);
                break;
            case DateTime instant:
                SetInstant(parameter, instant);
                break;
            default:
                parameter.Value = value ?? DBNull.Value;
                break;
        }
    }

    /// <summary>A calendar date: "yyyy-MM-dd" text on SQLite, a date on SQL Server.</summary>
    public static void SetDate(IDbDataParameter parameter, DateOnly value)
    {
        if (IsSqlite(parameter))
        {
            parameter.DbType = DbType.String;
            parameter.Value = value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        else
        {
            parameter.DbType = DbType.Date;
            parameter.Value = value.ToDateTime(TimeOnly.MinValue);
        }
    }

    /// <summary>A text column read from <paramref name="reader"/> by position, or null.</summary>
    public static string? ReadText(System.Data.Common.DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>An integer column read from <paramref name="reader"/> by position, or null.</summary>
    public static int? ReadNumber(System.Data.Common.DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    /// <summary>A stored calendar date read from <paramref name="reader"/> by position (<see cref="Date"/>).</summary>
    public static DateOnly ReadDate(System.Data.Common.DbDataReader reader, int ordinal) => Date(reader.GetValue(ordinal));

    /// <summary>A stored calendar date: SQLite's "yyyy-MM-dd" text (<see cref="UtcText.ParseDate"/>), SQL Server's date.</summary>
    public static DateOnly Date(object value) => value switch
    {
        DateOnly d => d,
        DateTime dt => DateOnly.FromDateTime(dt),
        string s => UtcText.ParseDate(s),
        _ => throw new DataException($"Cannot read a date from {value.GetType().Name}"),
    };

    /// <summary>A stored instant read from <paramref name="reader"/> by position, as UTC (<see cref="Instant"/>).</summary>
    public static DateTime ReadInstant(System.Data.Common.DbDataReader reader, int ordinal) => Instant(reader.GetValue(ordinal));

    /// <summary>A stored instant as UTC: SQLite's text (<see cref="UtcText"/>), SQL Server's DATETIME2.</summary>
    public static DateTime Instant(object value) => value switch
    {
        DateTime stored => DateTime.SpecifyKind(stored, DateTimeKind.Utc),
        string text => UtcText.Parse(text),
        _ => throw new DataException($"Cannot read a time from {value.GetType().Name}"),
    };

    /// <summary>An instant, in UTC: sortable text on SQLite, datetime2 on SQL Server.</summary>
    public static void SetInstant(IDbDataParameter parameter, DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
        if (IsSqlite(parameter))
        {
            parameter.DbType = DbType.String;
            parameter.Value = utc.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture);
        }
        else
        {
            parameter.DbType = DbType.DateTime2;
            parameter.Value = utc;
        }
    }

    private static bool IsSqlite(IDbDataParameter parameter) => parameter is Microsoft.Data.Sqlite.SqliteParameter;
}

/// <summary>Registration helpers for repositories.</summary>
public static class RepositoryRegistration
{
    /// <summary>Registers <typeparamref name="TImplementation"/> once and answers <typeparamref name="TService"/> with it.</summary>
    public static IServiceCollection AddRepository<TService, TImplementation>(this IServiceCollection services)
        where TService : class
        where TImplementation : class, TService
    {
        services.AddSingleton<TImplementation>();
        services.AddSingleton<TService>(sp => sp.GetRequiredService<TImplementation>());
        return services;
    }
}

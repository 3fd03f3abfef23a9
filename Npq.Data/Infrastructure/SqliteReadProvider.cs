using System.Runtime.InteropServices;
using SQLitePCL;

namespace Npq.Data.Infrastructure;

/// <summary>
/// The bridge between Microsoft.Data.Sqlite and the bundled SQLite library (<c>e_sqlite3</c>): SQLitePCLRaw's own
/// provider, except for the calls made for every statement run, row stepped and value read, which go to SQLite here
/// with the statement's raw pointer.
/// </summary>
/// <remarks>
/// SQLitePCLRaw passes a statement to SQLite as its <see cref="SafeHandle"/>, and the runtime then counts a reference on
/// the handle before each call and releases it after, two interlocked operations per value read. Reading a page's rows
/// that way cost 8–10 % of the CPU of Npq's list pages (admin's sessions page at 10,000 candidates: <c>DangerousAddRef</c>
/// and <c>InternalRelease</c> 9.2 % of all samples). Here the pointer is taken from a handle checked to be open, and
/// the handle is kept reachable until SQLite returns (<see cref="GC.KeepAlive"/>), which is what the counting protects
/// against when a handle may be closed by another thread during a call; Npq lends a connection, and so its statements,
/// to one flow at a time, and a statement is only finalized once nothing refers to it. Every other call (opening,
/// preparing, binding text and blobs, finalizing, the rarer functions) is SQLitePCLRaw's unchanged.
/// <para>
/// The calls made per value (a column's type, number, text, bytes; binding a number) are also made without the
/// runtime's switch to native mode and back (<see cref="SuppressGCTransitionAttribute"/>): each returns within
/// nanoseconds, blocks on nothing but its own connection's lock (which only the flow the connection is lent to takes,
/// or the finalizer for a moment), and calls nothing back. The switch was a fifth of what a value cost: the admin's
/// completion report read 25 rows of 28 values in 137–162 µs with it and 121–134 µs without, and the page served 6 %
/// more (3,520 → 3,739 req/s, six rounds in turns). Stepping and resetting a statement can take long, and keep the
/// switch, so a collection never waits for them.
/// </para>
/// </remarks>
internal sealed unsafe partial class SqliteReadProvider(ISQLite3Provider inner) : ISQLite3Provider
{
    private const string Library = "e_sqlite3";

    private static IntPtr Pointer(sqlite3_stmt stmt)
    {
        ArgumentNullException.ThrowIfNull(stmt);
        ObjectDisposedException.ThrowIf(stmt.IsClosed || stmt.IsInvalid, stmt);
        return stmt.DangerousGetHandle();
    }

    int ISQLite3Provider.sqlite3_step(sqlite3_stmt stmt)
    {
        var result = Native.sqlite3_step(Pointer(stmt));
        GC.KeepAlive(stmt);
        return result;
    }

    int ISQLite3Provider.sqlite3_reset(sqlite3_stmt stmt)
    {
        var result = Native.sqlite3_reset(Pointer(stmt));
        GC.KeepAlive(stmt);
        return result;
    }

    int ISQLite3Provider.sqlite3_clear_bindings(sqlite3_stmt stmt)
    {
        var result = Native.sqlite3_clear_bindings(Pointer(stmt));
        GC.KeepAlive(stmt);
        return result;
    }

    int ISQLite3Provider.sqlite3_stmt_busy(sqlite3_stmt stmt)
    {
        var result = Native.sqlite3_stmt_busy(Pointer(stmt));
        GC.KeepAlive(stmt);
        return result;
    }

    int ISQLite3Provider.sqlite3_stmt_readonly(sqlite3_stmt stmt)
    {
        var result = Native.sqlite3_stmt_readonly(Pointer(stmt));
        GC.KeepAlive(stmt);
        return result;
    }

    int ISQLite3Provider.sqlite3_bind_parameter_count(sqlite3_stmt stmt)
    {
        var result = Native.sqlite3_bind_parameter_count(Pointer(stmt));
        GC.KeepAlive(stmt);
        return result;
    }

    int ISQLite3Provider.sqlite3_bind_null(sqlite3_stmt stmt, int index)
    {
        var result = Native.sqlite3_bind_null(Pointer(stmt), index);
        GC.KeepAlive(stmt);
        return result;
    }

    int ISQLite3Provider.sqlite3_bind_int(sqlite3_stmt stmt, int index, int val)
    {
        var result = Native.sqlite3_bind_int(Pointer(stmt), index, val);
        GC.KeepAlive(stmt);
        return result;
    }

    int ISQLite3Provider.sqlite3_bind_int64(sqlite3_stmt stmt, int index, long val)
    {
        var result = Native.sqlite3_bind_int64(Pointer(stmt), index, val);
        GC.KeepAlive(stmt);
        return result;
    }

    int ISQLite3Provider.sqlite3_bind_double(sqlite3_stmt stmt, int index, double val)
    {
        var result = Native.sqlite3_bind_double(Pointer(stmt), index, val);
        GC.KeepAlive(stmt);
        return result;
    }

    int ISQLite3Provider.sqlite3_column_count(sqlite3_stmt stmt)
    {
        var result = Native.sqlite3_column_count(Pointer(stmt));
        GC.KeepAlive(stmt);
        return result;
    }

    int ISQLite3Provider.sqlite3_data_count(sqlite3_stmt stmt)
    {
        var result = Native.sqlite3_data_count(Pointer(stmt));
        GC.KeepAlive(stmt);
        return result;
    }

    int ISQLite3Provider.sqlite3_column_type(sqlite3_stmt stmt, int index)
    {
        var result = Native.sqlite3_column_type(Pointer(stmt), index);
        GC.KeepAlive(stmt);
        return result;
    }

    int ISQLite3Provider.sqlite3_column_int(sqlite3_stmt stmt, int index)
    {
        var result = Native.sqlite3_column_int(Pointer(stmt), index);
        GC.KeepAlive(stmt);
        return result;
    }

    long ISQLite3Provider.sqlite3_column_int64(sqlite3_stmt stmt, int index)
    {
        var result = Native.sqlite3_column_int64(Pointer(stmt), index);
        GC.KeepAlive(stmt);
        return result;
    }

    double ISQLite3Provider.sqlite3_column_double(sqlite3_stmt stmt, int index)
    {
        var result = Native.sqlite3_column_double(Pointer(stmt), index);
        GC.KeepAlive(stmt);
        return result;
    }

    int ISQLite3Provider.sqlite3_column_bytes(sqlite3_stmt stmt, int index)
    {
        var result = Native.sqlite3_column_bytes(Pointer(stmt), index);
        GC.KeepAlive(stmt);
        return result;
    }

    // The text and blob are SQLite's own memory, valid until the statement steps, resets or is finalized: as with
    // SQLitePCLRaw's provider, the caller copies them before then. The pointer is asked for before the length, as
    // SQLite's documentation requires (asking for the text can convert the value, changing its length).
    utf8z ISQLite3Provider.sqlite3_column_text(sqlite3_stmt stmt, int index)
    {
        var pointer = Pointer(stmt);
        var text = Native.sqlite3_column_text(pointer, index);
        var length = Native.sqlite3_column_bytes(pointer, index);
        GC.KeepAlive(stmt);
        return utf8z.FromPtrLen(text, length);
    }

    ReadOnlySpan<byte> ISQLite3Provider.sqlite3_column_blob(sqlite3_stmt stmt, int index)
    {
        var pointer = Pointer(stmt);
        var blob = Native.sqlite3_column_blob(pointer, index);
        var length = Native.sqlite3_column_bytes(pointer, index);
        GC.KeepAlive(stmt);
        return blob is null ? ReadOnlySpan<byte>.Empty : new ReadOnlySpan<byte>(blob, length);
    }

    utf8z ISQLite3Provider.sqlite3_column_name(sqlite3_stmt stmt, int index)
    {
        var name = Native.sqlite3_column_name(Pointer(stmt), index);
        GC.KeepAlive(stmt);
        return utf8z.FromPtr(name);
    }

    private static class Native
    {
        [DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_step(IntPtr stmt);

        [DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_reset(IntPtr stmt);

        [DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_clear_bindings(IntPtr stmt);

        [SuppressGCTransition, DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_stmt_busy(IntPtr stmt);

        [SuppressGCTransition, DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_stmt_readonly(IntPtr stmt);

        [SuppressGCTransition, DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_bind_parameter_count(IntPtr stmt);

        [SuppressGCTransition, DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_bind_null(IntPtr stmt, int index);

        [SuppressGCTransition, DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_bind_int(IntPtr stmt, int index, int value);

        [SuppressGCTransition, DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_bind_int64(IntPtr stmt, int index, long value);

        [SuppressGCTransition, DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_bind_double(IntPtr stmt, int index, double value);

        [SuppressGCTransition, DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_column_count(IntPtr stmt);

        [SuppressGCTransition, DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_data_count(IntPtr stmt);

        [SuppressGCTransition, DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_column_type(IntPtr stmt, int index);

        [SuppressGCTransition, DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_column_int(IntPtr stmt, int index);

        [SuppressGCTransition, DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
        public static extern long sqlite3_column_int64(IntPtr stmt, int index);

        [SuppressGCTransition, DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
        public static extern double sqlite3_column_double(IntPtr stmt, int index);

        [SuppressGCTransition, DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_column_bytes(IntPtr stmt, int index);

        [SuppressGCTransition, DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
        public static extern byte* sqlite3_column_text(IntPtr stmt, int index);

        [SuppressGCTransition, DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
        public static extern byte* sqlite3_column_blob(IntPtr stmt, int index);

        [SuppressGCTransition, DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
        public static extern byte* sqlite3_column_name(IntPtr stmt, int index);
    }
}

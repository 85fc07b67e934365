using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CornerSpot.Domain.Persistence.Migrations
{
    /// <summary>
    /// Full-text indexes for the inbox search, kept in step with their tables by triggers, so every writer (the app,
    /// the demo seeder, a hand-run UPDATE) keeps them current. Customers get a trigram index: any 3+ character
    /// substring of a name, email or phone number is found through the index, as LIKE '%…%' would find it.
    /// Message text gets a word index: words and word prefixes ("invoice", "invo…"), far smaller than trigrams.
    /// </summary>
    /// <remarks>Both are external-content tables keyed by rowid. A later migration that rebuilds Customers or Messages
    /// (SQLite's way to alter a column) or a VACUUM can renumber rowids: follow it with
    /// <c>INSERT INTO "CustomersSearch"("CustomersSearch") VALUES ('rebuild')</c> (and the same for MessagesSearch).</remarks>
    public partial class SearchIndex : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "CustomersSearch" USING fts5(
                    "Name", "Email", "PhoneE164", content='Customers', content_rowid='rowid', tokenize='trigram');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Customers_SearchInsert" AFTER INSERT ON "Customers" BEGIN
                    INSERT INTO "CustomersSearch"(rowid, "Name", "Email", "PhoneE164") VALUES (new.rowid, new."Name", new."Email", new."PhoneE164");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Customers_SearchDelete" AFTER DELETE ON "Customers" BEGIN
                    INSERT INTO "CustomersSearch"("CustomersSearch", rowid, "Name", "Email", "PhoneE164") VALUES ('delete', old.rowid, old."Name", old."Email", old."PhoneE164");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Customers_SearchUpdate" AFTER UPDATE OF "Name", "Email", "PhoneE164" ON "Customers" BEGIN
                    INSERT INTO "CustomersSearch"("CustomersSearch", rowid, "Name", "Email", "PhoneE164") VALUES ('delete', old.rowid, old."Name", old."Email", old."PhoneE164");
                    INSERT INTO "CustomersSearch"(rowid, "Name", "Email", "PhoneE164") VALUES (new.rowid, new."Name", new."Email", new."PhoneE164");
                END;
                """);
            migrationBuilder.Sql("""INSERT INTO "CustomersSearch"("CustomersSearch") VALUES ('rebuild');""");

            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "MessagesSearch" USING fts5(
                    "Body", "AuthorName", content='Messages', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Messages_SearchInsert" AFTER INSERT ON "Messages" BEGIN
                    INSERT INTO "MessagesSearch"(rowid, "Body", "AuthorName") VALUES (new.rowid, new."Body", new."AuthorName");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Messages_SearchDelete" AFTER DELETE ON "Messages" BEGIN
                    INSERT INTO "MessagesSearch"("MessagesSearch", rowid, "Body", "AuthorName") VALUES ('delete', old.rowid, old."Body", old."AuthorName");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Messages_SearchUpdate" AFTER UPDATE OF "Body", "AuthorName" ON "Messages" BEGIN
                    INSERT INTO "MessagesSearch"("MessagesSearch", rowid, "Body", "AuthorName") VALUES ('delete', old.rowid, old."Body", old."AuthorName");
                    INSERT INTO "MessagesSearch"(rowid, "Body", "AuthorName") VALUES (new.rowid, new."Body", new."AuthorName");
                END;
                """);
            migrationBuilder.Sql("""INSERT INTO "MessagesSearch"("MessagesSearch") VALUES ('rebuild');""");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "Messages_SearchUpdate";""");
            migrationBuilder.Sql("""DROP TRIGGER "Messages_SearchDelete";""");
            migrationBuilder.Sql("""DROP TRIGGER "Messages_SearchInsert";""");
            migrationBuilder.Sql("""DROP TABLE "MessagesSearch";""");
            migrationBuilder.Sql("""DROP TRIGGER "Customers_SearchUpdate";""");
            migrationBuilder.Sql("""DROP TRIGGER "Customers_SearchDelete";""");
            migrationBuilder.Sql("""DROP TRIGGER "Customers_SearchInsert";""");
            migrationBuilder.Sql("""DROP TABLE "CustomersSearch";""");
        }
    }
}

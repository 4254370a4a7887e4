using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FilesPublishersStaleArticlesSameQuestion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "HeadsPublish",
                table: "DeskSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "PublisherDepartments",
                table: "DeskSettings",
                type: "TEXT",
                maxLength: 8000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PublisherRoles",
                table: "DeskSettings",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "CxLead,TeamMember");

            migrationBuilder.AddColumn<DateOnly>(
                name: "StaleNotifiedFor",
                table: "Articles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AnnouncementPostSupports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PostId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnouncementPostSupports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnnouncementPostSupports_AnnouncementPosts_PostId",
                        column: x => x.PostId,
                        principalTable: "AnnouncementPosts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DocumentFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerKind = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentFiles", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Status_ReviewBy",
                table: "Articles",
                columns: new[] { "Status", "ReviewBy" });

            migrationBuilder.CreateIndex(
                name: "IX_AnnouncementPostSupports_OrganizationId",
                table: "AnnouncementPostSupports",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_AnnouncementPostSupports_PostId_UserId",
                table: "AnnouncementPostSupports",
                columns: new[] { "PostId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DocumentFiles_OrganizationId",
                table: "DocumentFiles",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentFiles_OwnerId_OrganizationId",
                table: "DocumentFiles",
                columns: new[] { "OwnerId", "OrganizationId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnnouncementPostSupports");

            migrationBuilder.DropTable(
                name: "DocumentFiles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Status_ReviewBy",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "HeadsPublish",
                table: "DeskSettings");

            migrationBuilder.DropColumn(
                name: "PublisherDepartments",
                table: "DeskSettings");

            migrationBuilder.DropColumn(
                name: "PublisherRoles",
                table: "DeskSettings");

            migrationBuilder.DropColumn(
                name: "StaleNotifiedFor",
                table: "Articles");
        }
    }
}

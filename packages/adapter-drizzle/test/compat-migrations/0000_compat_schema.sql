CREATE TABLE `schema_users` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`email` varchar(60) NOT NULL,
	`balance` decimal(12,2),
	`seen_at` datetime(3),
	`profile` json,
	`active` boolean,
	`role` enum('admin','user','guest'),
	`bio` text,
	CONSTRAINT `schema_users_id` PRIMARY KEY(`id`),
	CONSTRAINT `schema_users_email_unique` UNIQUE(`email`)
);
--> statement-breakpoint
CREATE TABLE `schema_posts` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`title` varchar(100) NOT NULL,
	CONSTRAINT `schema_posts_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `schema_posts` ADD CONSTRAINT `schema_posts_user_id_schema_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `schema_users`(`id`) ON DELETE cascade ON UPDATE no action;

CREATE TABLE `serial_posts` (
	`id` serial AUTO_INCREMENT NOT NULL,
	`title` varchar(100) NOT NULL,
	CONSTRAINT `serial_posts_id` PRIMARY KEY(`id`)
);

"""`caitien worker`: runs background jobs (django-tasks' database worker under the product's name).

Any number of workers, on one machine or several, can share the database: each claims a job inside a
transaction (SELECT … FOR UPDATE SKIP LOCKED on PostgreSQL, an EXCLUSIVE transaction on SQLite), so
no job runs twice. SIGTERM or Ctrl-C lets the running job finish, then stops.
"""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand


class Command(DatabaseWorkerCommand):
    help = (
        "Chạy các việc nền (đọc tệp nhập, gửi e-mail…). Có thể chạy nhiều tiến trình, trên nhiều máy "
        "cùng một cơ sở dữ liệu: mỗi việc chỉ chạy một lần. Ctrl-C hoặc SIGTERM: làm xong việc đang "
        "chạy rồi dừng."
    )

"""`caitien unlock USERNAME`: let a person locked out after too many wrong passwords log in again."""

from axes.utils import reset
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Mở khóa đăng nhập cho một tài khoản bị khóa vì nhập sai mật khẩu nhiều lần."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", help="tên đăng nhập cần mở khóa")
        parser.add_argument("--ip", help="mở khóa một địa chỉ IP (mọi tên đăng nhập từ địa chỉ đó)")

    def handle(self, *args, username=None, ip=None, **options):
        if not username and not ip:
            raise CommandError("Hãy ghi tên đăng nhập cần mở khóa, ví dụ: caitien unlock hieutruong.thhb")
        removed = reset(username=username, ip=ip)
        who = username or ip
        if not removed:
            self.stdout.write(f"“{who}” không bị khóa (không có lượt đăng nhập sai nào được ghi).")
        else:
            self.stdout.write(f"Đã mở khóa “{who}” ({removed} lượt đăng nhập sai được xóa).")
